/** Longest REST outage one call can ask for. */
export const MAX_REST_OUTAGE_MS = 600_000;

/**
 * The REST history's availability: down for a while, as an exchange's API is in an incident,
 * while the WebSocket feed carries on. Requests in that time get 503.
 */
export class RestOutage {
  private downUntilMs = 0;
  /** REST requests answered 503 since the simulator started. */
  refused = 0;

  begin(durationMs: number): void {
    this.downUntilMs = Date.now() + durationMs;
  }

  end(): void {
    this.downUntilMs = 0;
  }

  get down(): boolean {
    return Date.now() < this.downUntilMs;
  }
}
