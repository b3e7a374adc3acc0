// Predictive booking (issue #6): event history, features, forecasts, optimisers, retraining.
// Domain types and this feature's contract methods (spread into contract.ts).

export const forecastMethods = {} as const;
