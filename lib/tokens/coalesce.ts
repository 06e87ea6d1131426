/**
 * In-process single flight: concurrent callers in one process share one promise per key, so a
 * burst of triggers makes one lease attempt and at most one vendor call. The database lease does
 * the same across processes; this only saves the queries. Scoped per database client, because
 * tests (and a key-rotation script) may hold more than one.
 */
const flights = new WeakMap<object, Map<string, Promise<unknown>>>();

function flightsOf(scope: object): Map<string, Promise<unknown>> {
  let map = flights.get(scope);
  if (!map) {
    map = new Map();
    flights.set(scope, map);
  }
  return map;
}

/** The running flight for `key`, if any. */
export function runningFlight<T>(scope: object, key: string): Promise<T> | undefined {
  return flightsOf(scope).get(key) as Promise<T> | undefined;
}

/** Joins the running flight for `key`, or starts `run` as the new one. */
export function singleFlight<T>(scope: object, key: string, run: () => Promise<T>): Promise<T> {
  const map = flightsOf(scope);
  const running = map.get(key) as Promise<T> | undefined;
  if (running) return running;
  const flight = run().finally(() => {
    if (map.get(key) === flight) map.delete(key);
  });
  map.set(key, flight);
  return flight;
}
