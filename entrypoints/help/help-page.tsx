// "What is this?": the technical terms the pages use (T3, V3, decay, sweeps, transitive trust), in
// plain words. Each section has an id, so that a page links straight to the term it uses.
import { i18n } from '#i18n';
import { LevelBadge } from '@/components/level-badge.js';
import { TRUST_LEVELS } from '@/core/index.js';

/** Where each level starts (the core's trustLevelOf); minimal is everything below low. */
const THRESHOLDS: Record<(typeof TRUST_LEVELS)[number], string> = {
  high: '0.8', 'medium-high': '0.6', medium: '0.4', low: '0.2', minimal: '0.2',
};

export function HelpPage() {
  return (
    <div class="page help">
      <header class="page-header">
        <img src="/icon/48.png" width={36} height={36} alt="" />
        <h1>{i18n.t('help.title')}</h1>
      </header>
      <main class="card card-pad stack">
        <section id="t3" aria-labelledby="t3-title">
          <h2 id="t3-title">{i18n.t('help.t3Title')}</h2>
          <p>{i18n.t('help.t3Body')}</p>
        </section>
        <section id="v3" aria-labelledby="v3-title">
          <h2 id="v3-title">{i18n.t('help.v3Title')}</h2>
          <p>{i18n.t('help.v3Body')}</p>
        </section>
        <section id="levels" aria-labelledby="levels-title">
          <h2 id="levels-title">{i18n.t('help.levelsTitle')}</h2>
          <p>{i18n.t('help.levelsBody')}</p>
          <ul class="help-levels">
            {TRUST_LEVELS.map((level) => (
              <li key={level}><LevelBadge level={level} /> {i18n.t(level === 'minimal' ? 'help.levelBelow' : 'help.levelFrom', [THRESHOLDS[level]])}</li>
            ))}
          </ul>
        </section>
        <section id="confidence" aria-labelledby="confidence-title">
          <h2 id="confidence-title">{i18n.t('help.confidenceTitle')}</h2>
          <p>{i18n.t('help.confidenceBody')}</p>
        </section>
        <section id="decay" aria-labelledby="decay-title">
          <h2 id="decay-title">{i18n.t('help.decayTitle')}</h2>
          <p>{i18n.t('help.decayBody')}</p>
          <p>{i18n.t('help.sweepBody')}</p>
        </section>
        <section id="transitive" aria-labelledby="transitive-title">
          <h2 id="transitive-title">{i18n.t('help.transitiveTitle')}</h2>
          <p>{i18n.t('help.transitiveBody')}</p>
        </section>
      </main>
    </div>
  );
}
