// The script of the "Google App Engine" example for the Vercel Edge Runtime, which dispatches
// fetch events to listeners (the service-worker shape).
import { handle } from './restricted-runtimes-handler.ts';

interface EdgeFetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

addEventListener('fetch', (event) => {
  const fetchEvent = event as EdgeFetchEvent;
  fetchEvent.respondWith(handle(fetchEvent.request));
});
