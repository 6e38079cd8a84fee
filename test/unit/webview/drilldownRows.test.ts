import * as assert from 'node:assert/strict';
import { createFormatter } from '../../../webview/format';
import { rowView, SUBJECT_SHOWN } from '../../../webview/features/drilldown/rows';

const f = createFormatter('en-GB', 'UTC');
const row = { id: 430221821, number: 226358, subject: 'Folder Not Appearing', customer: 'John Smith', email: 'john@example.com', status: 'active', type: 'email', inbox: 'Support', tags: ['sample-tag', 'bug'], modifiedAt: '2015-04-24T18:59:49Z' };

describe('webview/drilldown rows', () => {
  it('says every column, and all of it to a screen reader', () => {
    const view = rowView(row, 0, f);
    assert.deepEqual(
      { number: view.number, subject: view.subject, customer: view.customer, status: view.status, type: view.type, inbox: view.inbox, tags: view.tags, modified: view.modified, link: view.link },
      { number: '#226358', subject: 'Folder Not Appearing', customer: 'John Smith', status: 'active', type: 'email', inbox: 'Support', tags: 'sample-tag, bug', modified: 'Fri, 24 Apr 2015', link: { id: 430221821, number: 226358 } },
    );
    assert.equal(view.subjectTitle, undefined, 'a short subject needs no tooltip of its own');
    assert.equal(view.label, '#226358, Folder Not Appearing, John Smith, status active, email, inbox Support, tags sample-tag, bug, last modified Fri, 24 Apr 2015');
    assert.match(view.modifiedTitle ?? '', /2015/);
  });

  it('clips a 10,000-character subject for the list and keeps all of it for the tooltip', () => {
    const long = 'Long name — 名前 '.repeat(700).slice(0, 10_000);
    const view = rowView({ ...row, subject: long }, 0, f);
    assert.equal(Array.from(view.subject).length, SUBJECT_SHOWN);
    assert.ok(view.subject.endsWith('…'));
    assert.equal(view.subjectTitle, long);
  });

  it('keeps markup and links as the characters they are, on one line, and has no link without ids', () => {
    const hostile = '<img src=x onerror=alert(1)>\n[x](command:workbench.action.quit) \u202Egnp.exe';
    const view = rowView({ subject: hostile, customer: '', email: '', status: '', type: '', inbox: '', tags: [] }, 3, f);
    assert.equal(view.subject, '<img src=x onerror=alert(1)> [x](command:workbench.action.quit) \u202Egnp.exe');
    assert.equal(view.subjectTitle, hostile, 'the tooltip has the subject as sent');
    assert.equal(view.link, undefined);
    assert.equal(view.number, '—');
    assert.equal(view.customer, '—');
    assert.equal(view.key, 'p3');
    assert.equal(rowView({ ...row, subject: '' }, 0, f).subject, '(no subject)');
  });
});
