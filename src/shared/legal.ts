// Contracts and compliance (issue #5): rules table, clauses, checklist, PDF, signature.
// Domain types and this feature's contract methods (spread into contract.ts).

export const legalMethods = {} as const;
