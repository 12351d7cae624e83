/** Observability: Log Analytics, diagnostic settings, managed Prometheus with Grafana, Container Insights, alert routing. */
export * from "./log-analytics";
export * from "./diagnostic-settings";
export * from "./managed-prometheus";
export * from "./container-insights";
export * from "./action-group";
