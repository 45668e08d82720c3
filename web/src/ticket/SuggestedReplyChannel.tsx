import { useEffect, useRef } from 'react';

/**
 * Carries "insert this text" from the suggested-reply card to the reply box,
 * which keeps its text in local state. The box subscribes with
 * useReplyInsertion; the card calls insertReply.
 */
const channel = new EventTarget();
const eventName = 'insert-reply';

interface InsertDetail {
  ticketId: number;
  text: string;
}

export function insertReply(ticketId: number, text: string) {
  channel.dispatchEvent(new CustomEvent<InsertDetail>(eventName, { detail: { ticketId, text } }));
}

/** Calls onInsert with each text inserted for this ticket. */
export function useReplyInsertion(ticketId: number, onInsert: (text: string) => void) {
  const handler = useRef(onInsert);
  handler.current = onInsert;

  useEffect(() => {
    function listen(event: Event) {
      const detail = (event as CustomEvent<InsertDetail>).detail;
      if (detail.ticketId === ticketId) handler.current(detail.text);
    }

    channel.addEventListener(eventName, listen);
    return () => channel.removeEventListener(eventName, listen);
  }, [ticketId]);
}
