import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/icons';
import { useNav } from '../../store/nav';
import { useContractRequest } from './store';

/** "Préparer le contrat" on an accepted offer: opens the contract wizard pre-filled from it. */
export function PrepareContractButton({ offerId }: { offerId: string }) {
  const { t } = useTranslation('legal');
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        useContractRequest.getState().request(offerId);
        useNav.getState().go('contracts');
      }}
    >
      <Icon name="contracts" size={16} />
      {t('list.fromOffer')}
    </button>
  );
}
