/** The mails Fulcrum sends: plain text first, with a simple HTML alternative (every value escaped). */

import { linkMailHtml as html } from '../mail-layout.ts';

const day = (iso: string) => iso.slice(0, 10);

export function invitationMail(input: {
  link: string;
  organizationName: string;
  inviterName: string;
  role: string;
  expiresAt: string;
}) {
  const lines = [
    `${input.inviterName} invites you to join ${input.organizationName} on Fulcrum as ${input.role === 'admin' ? 'an admin' : `a ${input.role}`}.`,
    `The link works once, until ${day(input.expiresAt)}. If you did not expect this, ignore this mail.`,
  ];
  return {
    subject: `Join ${input.organizationName} on Fulcrum`,
    text: `${lines.join('\n\n')}\n\nAccept the invitation: ${input.link}\n`,
    html: html(lines, input.link, 'Accept the invitation'),
  };
}

export function passwordResetMail(input: { link: string; expiresAt: string }) {
  const lines = [
    'Someone (hopefully you) asked to reset your Fulcrum password.',
    `The link works once, for one hour (until ${input.expiresAt.slice(11, 16)} UTC). If it was not you, ignore this mail; your password stays as it is.`,
  ];
  return {
    subject: 'Reset your Fulcrum password',
    text: `${lines.join('\n\n')}\n\nChoose a new password: ${input.link}\n`,
    html: html(lines, input.link, 'Choose a new password'),
  };
}

export function emailChangeMail(input: { link: string; newEmail: string; expiresAt: string }) {
  const lines = [
    `Someone (hopefully you) asked to use ${input.newEmail} for their Fulcrum account.`,
    `Confirm with the link below; it works once, until ${input.expiresAt.slice(0, 16).replace('T', ' ')} UTC. If it was not you, ignore this mail; nothing changes.`,
  ];
  return {
    subject: 'Confirm your new Fulcrum e-mail address',
    text: `${lines.join('\n\n')}\n\nConfirm the new address: ${input.link}\n`,
    html: html(lines, input.link, 'Confirm the new address'),
  };
}

export function emailChangeNoticeMail(input: { newEmail: string; accountLink: string }) {
  const lines = [
    `Someone signed in to your Fulcrum account asked to change its e-mail address to ${input.newEmail}. It changes only when that address confirms.`,
    'If this was not you, change your password now and sign out your other sessions.',
  ];
  return {
    subject: 'Your Fulcrum e-mail address is about to change',
    text: `${lines.join('\n\n')}\n\nYour account: ${input.accountLink}\n`,
    html: html(lines, input.accountLink, 'Open your account'),
  };
}
