/**
 * NPS answers ("How likely are you to recommend our partner programme?", 0–10). A share of partners
 * answer the spring and autumn waves, so once or twice a year. Satisfaction rises with tier and with
 * the partner's growth, and falls in the year before a partner stops: the links a user should find.
 */
import { dayOf, isoDate, isWeekend, type Day } from './calendar';
import { SURVEYS } from './model';
import type { Partner, Tier } from './partners';
import { COMMENTS, type NpsGroup } from './vocab';
import type { World } from './world';

export interface SurveyColumns {
  partner_id: string[];
  answered_at: string[];
  score: number[];
  comment: (string | null)[];
}

const TIER_BONUS: Record<Tier | 'none', number> = { Gold: 1.2, Silver: 0.5, Bronze: 0, none: -0.2 };

export function npsGroup(score: number): NpsGroup {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

function isActive(p: Partner, day: Day): boolean {
  return p.onboardedOn <= day && (p.stopOn === null || day < p.stopOn);
}

export function generateSurveys(world: World): SurveyColumns {
  const rng = world.rng.fork('surveys');
  const respondents = world.partners.filter(() => rng.chance(SURVEYS.respondentShare));
  const out: SurveyColumns = { partner_id: [], answered_at: [], score: [], comment: [] };
  for (const year of SURVEYS.years) {
    for (const wave of SURVEYS.waves) {
      const opens = dayOf(year, wave.month, wave.day);
      const answers: { p: Partner; day: Day }[] = [];
      for (const p of respondents) {
        if (!isActive(p, opens) || !rng.chance(SURVEYS.answerChance)) continue;
        let day = opens + rng.int(0, 20);
        while (isWeekend(day)) day++;
        if (isActive(p, day)) answers.push({ p, day });
      }
      answers.sort((a, b) => a.day - b.day || a.p.index - b.p.index);
      for (const { p, day } of answers) {
        const stopping = p.stopOn !== null && p.stopOn - day < 365 ? -2.5 : 0;
        const latent = 7.8 + TIER_BONUS[p.tier ?? 'none'] + 14 * p.growth + stopping + rng.normal(0, 1.7);
        const score = Math.min(10, Math.max(0, Math.round(latent)));
        let comment: string | null = null;
        if (rng.chance(SURVEYS.commentChance)) {
          const lang = rng.chance(SURVEYS.frenchChance) ? 'fr' : 'en';
          comment = rng.pick(COMMENTS[lang][npsGroup(score)]);
        }
        out.partner_id.push(p.id);
        out.answered_at.push(isoDate(day));
        out.score.push(score);
        out.comment.push(comment);
      }
    }
  }
  return out;
}
