import { respondToRun } from './run-case.ts';

/** The event Vercel's Edge Runtime dispatches to `fetch` listeners (the service-worker shape). */
interface EdgeFetchEvent extends Event {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

// The script the Vercel Edge Runtime tests evaluate: `GET /run?case=NAME&base=URL&refused=URL`
// runs one behaviour case inside the edge VM and answers its result.
addEventListener('fetch', (event) => {
  const fetchEvent = event as EdgeFetchEvent;
  fetchEvent.respondWith(respondToRun(fetchEvent.request));
});
