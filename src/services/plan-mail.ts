/** The mails of development plans: plain text with a simple HTML alternative (every value escaped). */

import { linkMail as mail } from './mail-layout.ts';

export interface PlanMailInput {
  name: string;
  planTitle: string;
  link: string;
}

/** A check-in is due: how did the actions go? */
export function checkInReminderMail(input: PlanMailInput) {
  return mail(
    `Check-in: ${input.planTitle}`,
    [
      `Hello ${input.name},`,
      `It is time for a check-in on “${input.planTitle}”. Note how each action went and write a line or two about what you noticed — five minutes is enough.`,
      'Small, regular check-ins are what turn intentions into habits.',
    ],
    input.link,
    'Open your plan',
  );
}

/** The re-assessment is due: take the assessment again and see what changed. */
export function reassessReminderMail(input: PlanMailInput) {
  return mail(
    'Time to re-take the Lead × Manage assessment',
    [
      `Hello ${input.name},`,
      `The re-assessment of your plan “${input.planTitle}” is due. Take the assessment again; the growth view then shows each scale over time and marks a change as real only when it is larger than measurement error.`,
    ],
    input.link,
    'See your growth',
  );
}
