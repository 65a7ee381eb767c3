/**
 * Merges streams that are each in time order into one stream in time order, through a binary heap of each stream's
 * next item. A 4.x database keeps one table per chat, each spanning the whole file's time range; the vault's shards
 * are ranges of time, so reading table after table would revisit (load, split, rewrite) every shard once per chat,
 * while merged rows fill one shard after another. Ties keep stream order. Every stream is closed when the merge
 * ends, also early.
 */
export function* mergeByTime<T>(streams: readonly Iterator<T>[], timeOf: (item: T) => number): Generator<T> {
  const heap = new TimeHeap<T>();
  try {
    streams.forEach((stream, order) => pullInto(heap, stream, order, timeOf));
    for (let head = heap.pop(); head; head = heap.pop()) {
      yield head.item;
      pullInto(heap, head.stream, head.order, timeOf);
    }
  } finally {
    for (const stream of streams) stream.return?.();
  }
}

interface Head<T> {
  item: T;
  time: number;
  stream: Iterator<T>;
  order: number;
}

function pullInto<T>(heap: TimeHeap<T>, stream: Iterator<T>, order: number, timeOf: (item: T) => number): void {
  const next = stream.next();
  if (!next.done) heap.push({ item: next.value, time: timeOf(next.value), stream, order });
}

/** A min-heap on (time, stream order). */
class TimeHeap<T> {
  private readonly items: Head<T>[] = [];

  push(head: Head<T>): void {
    const items = this.items;
    let at = items.push(head) - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!isBefore(items[at]!, items[parent]!)) break;
      [items[at], items[parent]] = [items[parent]!, items[at]!];
      at = parent;
    }
  }

  pop(): Head<T> | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    items[0] = last;
    for (let at = 0; ;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < items.length && isBefore(items[left]!, items[least]!)) least = left;
      if (right < items.length && isBefore(items[right]!, items[least]!)) least = right;
      if (least === at) break;
      [items[at], items[least]] = [items[least]!, items[at]!];
      at = least;
    }
    return top;
  }
}

function isBefore<T>(a: Head<T>, b: Head<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.order < b.order);
}
