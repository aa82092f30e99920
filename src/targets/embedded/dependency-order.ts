import type { ServiceDefinition } from './service-definition';

/**
 * The requested services plus everything they depend on, dependencies first. Unknown names and
 * dependency cycles are errors that name the services involved.
 */
export function dependencyOrder(definitions: Map<string, ServiceDefinition>, requested: string[]): string[] {
  const order: string[] = [];
  const visiting: string[] = [];
  const visit = (name: string, from?: string): void => {
    if (order.includes(name)) return;
    const definition = definitions.get(name);
    if (!definition) {
      const known = [...definitions.keys()].join(', ');
      throw new Error(from ? `service ${from} depends on unknown service "${name}"` : `unknown service "${name}"; this stack has: ${known}`);
    }
    if (visiting.includes(name)) throw new Error(`dependency cycle: ${[...visiting, name].join(' -> ')}`);
    visiting.push(name);
    for (const dependency of definition.dependsOn) visit(dependency, name);
    visiting.pop();
    order.push(name);
  };
  for (const name of requested) visit(name);
  return order;
}
