import type { MessagePlan, Status } from './conversation.ts';
import type { Random } from './random.ts';
import { addMinutes } from './time.ts';

export interface TimelineInput {
  createdAt: Date;
  now: Date;
  status: Status;
  messages: MessagePlan[];
  /** When set, the resolving message comes after this time. */
  resolvedAt?: Date;
}

export interface Timeline {
  /** The input status, or 'solved' when a closed ticket would close after the reference date. */
  status: Status;
  messages: (MessagePlan & { createdAt: Date })[];
  times: { updatedAt: Date; firstResponseAt: Date | null; solvedAt: Date | null; closedAt: Date | null };
}

const minutesPerDay = 1_440;

/**
 * Places the messages of one ticket in time and derives its lifecycle
 * timestamps, so that created <= first response <= solved <= closed and
 * nothing happens after the reference date.
 */
export function planTimeline(random: Random, input: TimelineInput): Timeline {
  const { createdAt, now } = input;
  const offsets = input.messages.map((message) => message.offsetMinutes);
  const last = offsets.length - 1;
  const solving = input.status === 'solved' || input.status === 'closed';

  if (input.resolvedAt && solving) {
    const outageMinutes = Math.ceil((input.resolvedAt.getTime() - createdAt.getTime()) / 60_000);
    offsets[last] = Math.max(offsets[last], outageMinutes + random.int(5, 90));
  }

  const available = Math.floor((now.getTime() - createdAt.getTime()) / 60_000) - 1;
  if (offsets[last] > available) {
    const scale = Math.max(0, available) / offsets[last];
    offsets.forEach((offset, index) => {
      offsets[index] = Math.floor(offset * scale);
    });
  }

  let status = input.status;
  let closedOffset: number | null = null;
  if (status === 'closed') {
    closedOffset = offsets[last] + random.int(3 * minutesPerDay, 7 * minutesPerDay);
    if (closedOffset > available) {
      status = 'solved';
      closedOffset = null;
    }
  }

  const messages = input.messages.map((message, index) => ({
    ...message,
    offsetMinutes: offsets[index],
    createdAt: addMinutes(createdAt, offsets[index]),
  }));
  const firstResponse = messages.find((message) => message.authorKind === 'agent' && message.kind === 'public');
  const solvedAt = solving ? messages[last].createdAt : null;
  const closedAt = closedOffset === null ? null : addMinutes(createdAt, closedOffset);

  return {
    status,
    messages,
    times: {
      updatedAt: closedAt ?? messages[last].createdAt,
      firstResponseAt: firstResponse?.createdAt ?? null,
      solvedAt,
      closedAt,
    },
  };
}
