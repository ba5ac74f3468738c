/** The mails of 360° feedback: plain text with a simple HTML alternative (every value escaped). */

import { linkMail as mail } from './mail-layout.ts';

const day = (iso: string) => iso.slice(0, 10);

export interface FeedbackMailInput {
  link: string;
  subjectName: string;
  organizationName: string;
  deadline: string;
  self: boolean;
  identifiable: boolean;
  threshold: number;
}

function confidentiality(input: FeedbackMailInput): string {
  if (input.self) return 'Your own answers are compared with what others see; only you read the report.';
  if (input.identifiable)
    return `As ${input.subjectName}'s manager your answers are shown on their own, so ${input.subjectName} will know they are yours.`;
  return `Your answers are confidential: ${input.subjectName} sees them only averaged with at least ${input.threshold - 1} other people's, never on their own, and your written comments without your name.`;
}

/** The invitation with the private link (no account needed). */
export function raterInvitationMail(input: FeedbackMailInput) {
  const lines = input.self
    ? [
        `You are asked to rate yourself for your 360° feedback in ${input.organizationName}. It takes about 10 minutes.`,
        confidentiality(input),
        `The link is private to you and works until ${day(input.deadline)}.`,
      ]
    : [
        `${input.subjectName} would value your feedback on how they lead and manage (${input.organizationName}). It takes about 10 minutes; "don't know" is always an answer.`,
        confidentiality(input),
        `The link is private to you and works until ${day(input.deadline)}. You may also decline.`,
      ];
  return mail(
    input.self ? 'Your 360° self-rating' : `Feedback for ${input.subjectName}`,
    lines,
    input.link,
    'Give feedback',
  );
}

/** A reminder to someone who has not finished; it carries a fresh private link. */
export function raterReminderMail(input: FeedbackMailInput) {
  const lines = [
    `A reminder: your feedback for ${input.self ? 'yourself' : input.subjectName} is still open until ${day(input.deadline)}. Your answers so far are saved.`,
    confidentiality(input),
  ];
  return mail(
    `Reminder: feedback for ${input.self ? 'yourself' : input.subjectName}`,
    lines,
    input.link,
    'Continue',
  );
}
