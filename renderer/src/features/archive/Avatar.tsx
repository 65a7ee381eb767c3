import { avatarColor, cellInitialOf, initialsOf } from './avatar';

/** A person's or a chat's initials on its colour. Two Chinese characters get a smaller size to fit the square. */
export function Avatar({
  name,
  seed,
  size = 40,
  isGroup = false,
}: {
  name: string | null;
  seed: string;
  size?: number;
  isGroup?: boolean;
}) {
  const initials = initialsOf(name, { isGroup });
  return (
    <span
      className="avatar"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * (Array.from(initials).length > 1 ? 0.34 : 0.42)),
        backgroundColor: avatarColor(seed),
      }}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}

/**
 * A group without a picture of its own, as WeChat draws one: its members' initials in a grid (up to 9, in 2 or 3
 * columns). A group whose members the backup did not list gets its own initials instead.
 */
export function GroupAvatar({
  name,
  seed,
  members,
  size = 40,
}: {
  name: string;
  seed: string;
  members: readonly { username: string; name: string }[] | undefined;
  size?: number;
}) {
  if (!members || members.length < 2) return <Avatar name={name} seed={seed} size={size} isGroup />;
  const shown = members.slice(0, 9);
  const columns = shown.length <= 4 ? 2 : 3;
  const gap = 1;
  const cell = Math.floor((size - 2 * gap - (columns - 1) * gap) / columns);
  return (
    <span
      className="avatar is-grid"
      style={{ width: size, height: size, gridTemplateColumns: `repeat(${columns}, ${cell}px)`, gap }}
      aria-hidden="true"
      data-members={shown.length}
    >
      {shown.map((member) => (
        <span
          key={member.username}
          className="avatar-cell"
          style={{
            width: cell,
            height: cell,
            fontSize: Math.round(cell * 0.6),
            backgroundColor: avatarColor(member.username),
          }}
        >
          {cellInitialOf(member.name)}
        </span>
      ))}
    </span>
  );
}
