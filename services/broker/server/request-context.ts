import type { BrokerCore } from './broker-core';

/** What a handler knows about the request beyond its body. */
export interface RequestContext {
  core: BrokerCore;
  /** The advertised address of the listener the request came in on. */
  advertised: { host: string; port: number };
  clientId: string;
  clientHost: string;
}
