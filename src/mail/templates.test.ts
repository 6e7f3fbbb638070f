import { describe, expect, it } from 'vitest';
import { renderEmail } from './templates.js';

describe('renderEmail', () => {
  it('renders the acknowledgement as subject, text and HTML', () => {
    const email = renderEmail('form-received', {
      reference: 'CP-1A2B3C4D',
      formNames: ['registration.xlsx'],
      activationFrom: 'noreply@cjscp.org.uk',
      helpAddress: 'CPOnboarding@justice.gov.uk',
    });
    expect(email.subject).toBe('Registration form received – reference CP-1A2B3C4D');
    expect(email.text).toContain('Your reference is CP-1A2B3C4D.');
    expect(email.text).toContain('- registration.xlsx');
    expect(email.html).toContain('<strong>CP-1A2B3C4D</strong>');
  });

  it('escapes what a sender wrote in the HTML part but not in the text part', () => {
    const email = renderEmail('form-received', {
      reference: 'CP-1',
      formNames: ['<script>alert(1)</script>.xlsx'],
      activationFrom: 'noreply@cjscp.org.uk',
      helpAddress: 'CPOnboarding@justice.gov.uk',
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain('<script>alert(1)</script>.xlsx');
  });

  it('refuses props that do not fit the template', () => {
    expect(() => renderEmail('no-form', { formUrl: 'not a url', csvFormUrl: 'x', helpAddress: 'x' })).toThrow();
  });
});
