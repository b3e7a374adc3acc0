import { create } from 'zustand';

/**
 * A request from another section to open the contract wizard on an offer ("Préparer le contrat" on
 * an accepted offer). The Contracts section takes it when it shows, then clears it.
 */
interface ContractRequestState {
  offerId: string | null;
  request(offerId: string): void;
  take(): string | null;
}

export const useContractRequest = create<ContractRequestState>((set, get) => ({
  offerId: null,
  request: (offerId) => set({ offerId }),
  take: () => {
    const { offerId } = get();
    if (offerId) set({ offerId: null });
    return offerId;
  },
}));
