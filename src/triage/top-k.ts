/** Top-k selection over a dense score array through a bounded min-heap. */

/** Returns the positions of the count highest scores among the touched positions, best first, through a min-heap of size count. */
export function topPositions(scores: Float64Array, touched: number[], count: number): number[] {
  const heap: number[] = [];
  const lower = (left: number, right: number) => scores[left] < scores[right] || (scores[left] === scores[right] && left > right);

  for (const position of touched) {
    if (heap.length < count) {
      heap.push(position);
      siftUp(heap, heap.length - 1, lower);
    } else if (count > 0 && lower(heap[0], position)) {
      heap[0] = position;
      siftDown(heap, 0, lower);
    }
  }

  return heap.sort((left, right) => scores[right] - scores[left] || left - right);
}

function siftUp(heap: number[], index: number, lower: (left: number, right: number) => boolean) {
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (!lower(heap[index], heap[parent])) break;
    [heap[index], heap[parent]] = [heap[parent], heap[index]];
    index = parent;
  }
}

function siftDown(heap: number[], index: number, lower: (left: number, right: number) => boolean) {
  for (;;) {
    const left = 2 * index + 1;
    const right = left + 1;
    let smallest = index;
    if (left < heap.length && lower(heap[left], heap[smallest])) smallest = left;
    if (right < heap.length && lower(heap[right], heap[smallest])) smallest = right;
    if (smallest === index) return;
    [heap[index], heap[smallest]] = [heap[smallest], heap[index]];
    index = smallest;
  }
}
