import type { ServiceDefinition } from './service-definition';

/**
 * Stops services so that each stops only after everything depending on it has stopped (a feed
 * handler before its broker); independent services stop together. Every stop is attempted;
 * the first failure is rethrown at the end.
 */
export async function stopDependentsFirst(services: string[], definitions: Map<string, ServiceDefinition>, stop: (service: string) => Promise<void>): Promise<void> {
  const stopped = new Map<string, Promise<void>>();
  const stopAfterDependents = (name: string): Promise<void> => {
    let promise = stopped.get(name);
    if (!promise) {
      const dependents = services.filter((other) => definitions.get(other)?.dependsOn.includes(name));
      promise = Promise.allSettled(dependents.map(stopAfterDependents)).then(() => stop(name));
      stopped.set(name, promise);
    }
    return promise;
  };
  await settleAll(services.map(stopAfterDependents));
}

/** Stops every service at once; every stop is attempted, the first failure is rethrown at the end. */
export async function stopAllAtOnce(services: string[], stop: (service: string) => Promise<void>): Promise<void> {
  await settleAll(services.map(stop));
}

/** Waits for every stop, then rethrows the first failure. */
async function settleAll(stops: Array<Promise<void>>): Promise<void> {
  const results = await Promise.allSettled(stops);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
