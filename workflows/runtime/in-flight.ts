/**
 * Counts activity calls under way, so the instance only continues as new when none is (an activity
 * result cannot be carried into the next run).
 */
export interface InFlight {
  wrap<T extends object>(activities: T): T;
  count(): number;
}

export function countingInFlight(): InFlight {
  let running = 0;
  return {
    count: () => running,
    wrap<T extends object>(activities: T): T {
      return new Proxy(activities, {
        get(target, name, receiver) {
          const member: unknown = Reflect.get(target, name, receiver);
          if (typeof member !== 'function') return member;
          return async (...args: unknown[]) => {
            running++;
            try {
              return await (member as (...a: unknown[]) => Promise<unknown>)(...args);
            } finally {
              running--;
            }
          };
        },
      });
    },
  };
}
