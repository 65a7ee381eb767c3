import { avatarColor, initialsOf } from './avatar';

export function Avatar({ name, seed, size = 40 }: { name: string | null; seed: string; size?: number }) {
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, fontSize: Math.round(size * 0.42), backgroundColor: avatarColor(seed) }}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
}
