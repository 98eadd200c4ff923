import { h } from './core.js';

// Form errors the way every editor shows them: problem+json's errors by field next to the input of that name, the rest
// (and the detail of any other refusal) in the form's summary line.

// A refusal's problem+json (RFC 9457): its detail when it has one, its title otherwise; the fallback when the body is none.
export function problemText(body, fallback) {
  return body && typeof body === 'object' ? body.detail ?? body.title : fallback;
}

export function showErrors(form, summary, status, body) {
  const errors = body && typeof body === 'object' && body.errors ? body.errors : {};
  const unmatched = [];
  for (const [field, messages] of Object.entries(errors)) {
    const name = Object.keys(form.elements).find(n => isNaN(n) && n.toLowerCase() === field.toLowerCase().split(/[.[]/)[0]);
    const input = name ? form.elements[name] : null;
    const text = [].concat(messages).join(' ');
    if (input && input.closest && input.closest('label')) {
      input.classList.add('invalid');
      input.closest('label').append(h('span', { class: 'field-error' }, text));
    } else {
      unmatched.push(`${field}: ${text}`);
    }
  }
  const message = status === 403 ? 'Your key may not make changes (admin scope needed).'
    : unmatched.join(' ') || (Object.keys(errors).length ? 'Fix the highlighted fields.' : problemText(body, `Failed (${status})`));
  summary.textContent = message;
  summary.hidden = false;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
  form.querySelector('.error').hidden = true;
}
