/**
 * An xstate callback actor that owns one TCP connection to a master. Its lifetime is the lifetime
 * of the state that invokes it: leaving the state closes the socket with FIN.
 */
import { fromCallback } from 'xstate';
import type { WireMessage } from '../protocol/wire.ts';

export interface LinkSocket {
  send(message: WireMessage): boolean;
  close(): void;
  abort(): void;
}

export interface LinkHandlers {
  onOpen(): void;
  onRefused(): void;
  onMessage(message: WireMessage): void;
  onClose(reason: 'eof' | 'reset' | 'timeout'): void;
}

/** Opens a connection from this node to `address`, with TCP keepalive (outbound replication socket). */
export type Dialer = (address: string, handlers: LinkHandlers) => LinkSocket;

export type LinkEvent =
  | { type: 'LINK_OPEN'; link: string }
  | { type: 'LINK_REFUSED'; link: string }
  | { type: 'LINK_MESSAGE'; link: string; message: WireMessage }
  | { type: 'LINK_CLOSED'; link: string; reason: 'eof' | 'reset' | 'timeout' };

export interface LinkInput {
  readonly name: string;
  readonly address: string;
  readonly dial: Dialer;
}

export type LinkCommand = { type: 'SEND'; message: WireMessage };

export const masterLink = fromCallback<LinkCommand, LinkInput>(({ input, sendBack, receive }) => {
  let live = true;
  let opened = false;
  const forward = (event: LinkEvent) => {
    if (live) sendBack(event);
  };
  const link = input.name;
  const socket = input.dial(input.address, {
    onOpen: () => {
      opened = true;
      forward({ type: 'LINK_OPEN', link });
    },
    onRefused: () => forward({ type: 'LINK_REFUSED', link }),
    onMessage: (message) => forward({ type: 'LINK_MESSAGE', link, message }),
    onClose: (reason) => forward({ type: 'LINK_CLOSED', link, reason }),
  });
  receive((command) => {
    if (!socket.send(command.message)) forward({ type: 'LINK_CLOSED', link, reason: 'reset' });
  });
  return () => {
    live = false;
    // A connect still under way is simply abandoned (no FIN for a connection that never opened).
    if (opened) socket.close();
    else socket.abort();
  };
});
