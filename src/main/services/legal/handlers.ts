import type { legalMethods } from '../../../shared/legal';
import type { Handlers, ServiceContext } from '../index';
import { createContractService } from './service';

/** The contract methods of this feature (see src/shared/legal.ts), over the feature's services. */
export function createLegalHandlers(ctx: ServiceContext): Pick<Handlers, keyof typeof legalMethods> {
  const contracts = createContractService(ctx.store, ctx.dataDir);
  return {
    'contracts.rules': ({ country, at }) => ({ rules: contracts.rules(country, at) }),
    'contracts.fromOffer': ({ offerId, kind, language }) => contracts.fromOffer(offerId, kind, language),
    'contracts.checklist': ({ draft }) => contracts.checklist(draft),
    'contracts.generate': (input) => contracts.generate(input),
    'contracts.preview': (input) => contracts.preview(input),
    'contracts.clauses': ({ draft }) => ({ clauses: contracts.clauses(draft), language: draft.language }),
    'contracts.list': ({ offerId }) => ({ items: contracts.list(offerId) }),
    'contracts.get': ({ id }) => contracts.get(id),
    'contracts.pdf': ({ id, version }) => contracts.pdf(id, version),
    'contracts.sign': (input) => contracts.sign(input),
    'contracts.identity.get': () => ({ identity: contracts.identity() }),
    'contracts.identity.create': (fields) => ({ identity: contracts.createIdentity(fields) }),
    'contracts.identity.import': ({ p12Base64, password }) => ({
      identity: contracts.importIdentity(p12Base64, password),
    }),
  };
}
