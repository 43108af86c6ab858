// The sections whose content depends on who is looking.
import type { Principal } from '../api';
import { renderAmbiguities } from './ambiguities';
import { renderConsole } from './console';
import { renderExercise } from './exercise';
import { renderEscrows } from './escrow';
import { renderInspections } from './inspections';
import { renderLedger } from './ledger';
import { renderRegime } from './regime';
import { renderSimulation } from './simulation';

export interface DetailSection {
  id: string; // container element id
  render(container: HTMLElement, who: Principal): Promise<void>;
}

export const detailSections: DetailSection[] = [
  { id: 'regime', render: renderRegime },
  { id: 'ledger', render: renderLedger },
  { id: 'ambiguities', render: renderAmbiguities },
  { id: 'inspections', render: renderInspections },
  { id: 'simulation', render: renderSimulation },
  { id: 'exercise', render: renderExercise },
  { id: 'console', render: renderConsole },
  { id: 'escrow', render: renderEscrows },
];
