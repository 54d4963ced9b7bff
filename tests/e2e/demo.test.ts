import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../support/database.ts';

// The demo always runs on the embedded database, so one run (in the PGlite suite) proves it.
describe.runIf(testDatabaseKind === 'pglite')('npm run demo', () => {
  let output = '';
  let code: number | null = null;
  beforeAll(async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/run-demo.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  }, 120_000);

  it('runs the scripted incidents to the end and shows what people see', () => {
    expect(output).toContain('Demo finished');
    expect(code).toBe(0);
    expect(output).toContain('#inc-1-checkout-errors-spiking');
    expect(output).toContain('INC-1 declared* · SEV1 · Checkout errors spiking');
    expect(output).toContain('#inc-3-suspicious-admin-logins (private)');
    expect(output).toContain('conversations.create calls: lost, name_taken');
    expect(output).toContain('*Runbook: Primary database failover* · 6/6 steps · completed');
    // The timeline scene: versions, deletes, key moments, redaction, notes and the export.
    expect(output).toMatch(
      /thread reply: :lock: I stored this message on the incident timeline with secrets removed \(slack token\)/,
    );
    expect(output).toMatch(/Key moments 1–\d+ of \d+ · times in UTC/);
    expect(output).toContain(
      'Files in #inc-1-checkout-errors-spiking: inc-1-timeline-export-1.md, inc-1-timeline-export-1.csv',
    );
    expect(output).toContain(
      '_message_ · bob: Rolling back payments-api to v41 (approved by @alice)\n      - earlier version: Rolling back payments-api to v41',
    );
    expect(output).toContain('~~deleted~~ _message_ · carol: lunch order is in #random');
    expect(output).toContain('_message_ · bob: admin API works with [REDACTED]');
    expect(output).toContain('★ _decision_ · alice: roll back payments-api to v41 rather than hotfix forward');
    expect(output).toContain('_announced_ · Firebreak: Announced in #incidents');
    expect(output).toMatch(/DM to @alice: :alarm_clock: A stakeholder update for INC-5 is due now/);
    expect(output.match(/:loudspeaker: \*INC-5 update\*/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('drafts, writes up, regenerates, reviews and publishes the postmortem of INC-5', () => {
    const stepOf = (heading: string) => output.split('\n━━ ').find((s) => s.startsWith(heading)) ?? '';
    // Resolving drafts it: the message with its buttons, and the card's line.
    const resolved = stepOf('Alice resolves INC-5');
    expect(resolved).toMatch(/:memo: \*Postmortem for INC-5\* · draft · due \d{4}-\d\d-\d\d · owner @alice/);
    expect(resolved).toContain('[Write up] [Regenerate] [Request review] [Publish]');
    expect(resolved).toMatch(
      /The pinned card now reads: :memo: Postmortem: draft · due \d{4}-\d\d-\d\d · owner @alice/,
    );
    // The canvas: header, placeholder, metrics from the milestones, the key timeline.
    const draft = stepOf('The draft in the channel canvas');
    expect(draft).toContain('# INC-5 postmortem: Orders writes failing');
    expect(draft).toContain('_Kept up to date by Firebreak from the incident record.');
    expect(draft).toContain('## Summary\n    _Not written yet: use *Write up* on the postmortem message._');
    expect(draft).toMatch(/\| Time to detect \| \d+m \| detected − started/);
    expect(draft).toMatch(/## Key timeline\n\s+… \d+ earlier entries\n/);
    // The write-up's blaming phrase is flagged, with a rewording.
    const writeUp = stepOf('Bob writes up');
    expect(writeUp).toContain('Modal: Postmortem saved');
    expect(writeUp).toContain('1 phrase may read as blame');
    expect(writeUp).toMatch(
      /\*Contributing factors\*: “Bob failed to”: .* _Try:_ Make the system or process the subject/,
    );
    // Regenerating takes in the new note and keeps what Bob wrote.
    const regenerated = stepOf('Something new lands on the timeline');
    expect(regenerated).toMatch(/Regenerated from the record: version \d+\. Everything people wrote is kept\./);
    expect(regenerated).toContain('_observation_ · @alice: the rebuilt primary rejoined as a replica');
    expect(regenerated).toContain('## Summary\n    Writes to the orders database failed for about half an hour');
    expect(regenerated).toContain('- **Validated:** Replica lag had no alert, so the failover started blind');
    expect(regenerated).toContain('- _Not yet validated:_ Bob failed to check the replica lag');
    expect(regenerated).toContain('The runbook decision step made the failover call in a minute.');
    // The reviewer is asked by DM, and publishes with a reason for the flag left in.
    const review = stepOf('Alice requests a review from Carol');
    expect(review).toContain(
      'DM to @carol: :eyes: @alice asks you to review the postmortem of INC-5: Orders writes failing.',
    );
    expect(review).toMatch(/\*Postmortem for INC-5\* · in review · .*\n.* · Reviewers: @carol/);
    const publish = stepOf('Carol publishes');
    expect(publish).toContain('Modal: Publish anyway?');
    expect(publish).toContain('Why publish with these phrases?');
    expect(publish).toMatch(
      /:memo: INC-5 postmortem, version (\d+) \(published by @carol\)\.\n\s+📎 INC-5 postmortem v\1 \(inc-5-postmortem-v\1\.md\)/,
    );
    expect(publish).toMatch(/\*Postmortem for INC-5\* · published · due /);
    expect(publish).toMatch(/:white_check_mark: Published .* by @carol \(on time\)\./);
    expect(publish).toMatch(/The pinned card now reads: :memo: Postmortem: published · /);
  });

  it('reads as Slack would show it', () => {
    // Channel ids read as channel names, in ephemerals, thread replies and DMs alike.
    expect(output).not.toMatch(/<[#@!][A-Z0-9^]+(\|[^>]*)?>/);
    expect(output).toContain('INC-1 declared. Head to #inc-1-checkout-errors-spiking. You are Incident commander.');
    expect(output).toContain(
      'An incident was declared from this message: INC-2 in #inc-2-search-latency-p99-is-8s-since-the-14-00-deploy-dashboard',
    );
    expect(output).toContain('Post it from #inc-5-orders-writes-failing with `/incident update`.');
    // Slack's clock follows the app's: after 20 minutes, messages carry a later time.
    const times = (pattern: RegExp) => [...output.matchAll(pattern)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    const [first] = times(
      /\[(\d\d):(\d\d)\] firebreak \[APP\]:\n\s+:loudspeaker: \*INC-5 update\* · SEV1 · Investigating/g,
    );
    const [second] = times(
      /\[(\d\d):(\d\d)\] firebreak \[APP\]:\n\s+:loudspeaker: \*INC-5 update\* · SEV1 · Monitoring/g,
    );
    expect((second! - first! + 24 * 60) % (24 * 60)).toBeGreaterThanOrEqual(20);
    // An empty field shows its placeholder as one; a field without one is an empty box or Slack's own prompt.
    expect(output).toContain('│ Incident commander (optional): [_Select a user_ ▾]');
    expect(output).toContain('│ When did impact start? (optional): [_Pick a date and time_]');
    expect(output).toContain('│ Affected services (optional): [ ]');
    // What the person typed stays in the form after the preview, as Slack keeps it; placeholders are gone.
    expect(output).toContain(
      '│ Current status: [Writes to the orders database fail; we are failing over to a replica ¶]',
    );
    expect(output).toContain('│ Confidence in the ETA (optional): [Medium ▾]');
    expect(output).not.toContain('We found the cause: a bad config change');
    expect(output).not.toMatch(/\[(number_input|plain_text_input|users_select|datetimepicker|static_select)\b/);
    // The update that says "Mitigated" is posted under the status it reports.
    expect(output).toContain('@alice set the status to *Monitoring* (was investigating).');
    expect(output).toMatch(
      /\*INC-5 update\* · SEV1 · Monitoring · Orders writes failing\n\s+\*Current status\*\n\s+Mitigated:/,
    );
    expect(output).not.toMatch(/Investigating · Orders writes failing\n\s+\*Current status\*\n\s+Mitigated:/);
    // The announced count is the number of entries in the file.
    const file = output.split('inc-1-timeline-export-1.md:\n')[1]!.split(/\n\s*\n\s*#inc-1/)[0]!;
    const entries = file.split('\n').filter((line) => line.trimStart().startsWith('- **')).length;
    expect(output).toContain(`INC-1 timeline export (${entries} entries), requested by @alice.`);
    // Kinds in words, and Firebreak named one way.
    expect(file).not.toMatch(/_[a-z]+_[a-z_]+_ ·/);
    expect(file).toContain('_role assigned_ · alice: @alice is commander');
    expect(file).toContain('_secret redacted_ · Firebreak: Redacted');
    expect(file).toContain('_channel created_ · Firebreak: Channel #inc-1-checkout-errors-spiking created');
    expect(file).toContain('_timeline exported_ · alice');
    expect(file).not.toContain('· firebreak:');
    // A link in the declaring message keeps its address in what customers see.
    expect(output).toContain(
      'What customers see (optional): [Search latency p99 is 8s since the 14:00 deploy dashboard (https://grafana.example.com/d/search) ¶]',
    );
    expect(output).toContain(
      '*What customers see*\n        Search latency p99 is 8s since the 14:00 deploy dashboard (https://grafana.example.com/d/search)',
    );
    // Every step shows what happened under its heading.
    for (const section of output.split('\n━━ ').slice(1)) {
      const [heading, ...rest] = section.split('\n');
      expect(
        rest.some((line) => line.trim() !== ''),
        `step "${heading}" shows nothing`,
      ).toBe(true);
    }
    // The offer says who started the runbook, and that it completed, instead of offering Start again.
    expect(output).toContain(
      'The primary PostgreSQL is down or unhealthy and writes are failing.\n        Started by @bob · completed — see the checklist below',
    );
    expect(output).not.toContain('The primary PostgreSQL is down or unhealthy and writes are failing.  [Start]\n    [');
    // A service without a runbook is named without contradicting the offer above it.
    expect(output).toContain(
      ':memo: None of the runbooks is written for search-api; *Elevated latency* is the closest match. A "write a runbook for search-api" follow-up is noted for the postmortem.',
    );
    expect(output).not.toContain('No runbook covers search-api');
  });

  it('adds corrective actions, reminds two owners at their own 09:00, closes one with evidence, snoozes one, shows a Home', () => {
    const stepOf = (heading: string) => output.split('\n━━ ').find((s) => s.startsWith(heading)) ?? '';
    const added = stepOf('Alice adds corrective actions');
    expect(added).toMatch(/\*ACT-1\* added for @bob, due \d{4}-\d\d-\d\d\. Tracked in OPS-214/);
    expect(added).toMatch(/\*ACT-2\* added for @carol, due \d{4}-\d\d-\d\d, the default for sev1/);
    expect(added).toContain('A suggestion, nothing more');
    expect(added).toContain('DM to @bob: :clipboard: @alice gave you an action for INC-5');
    expect(stepOf('The clock moves to')).toMatch(
      /in Asia\/Tokyo: @carol's weekly reminder\n\s+DM to @carol:\n.*Your open actions this week/,
    );
    expect(output).toMatch(
      /in Europe\/London: @bob's weekly reminder\n\s+DM to @bob:\n.*Your open actions this week[\s\S]*?\*ACT-1\*/,
    );
    expect(stepOf('Bob presses Done')).toContain('How was it verified?');
    const snoozed = stepOf('Carol snoozes hers');
    expect(snoozed).toMatch(/\*ACT-2\* Investigate the failover · @carol · due \d{4}-\d\d-\d\d _\(snoozed\)_/);
    expect(snoozed).toContain('done: Alert live: https://grafana.example.com/d/orders-db (PR #812)');
    const canvas = stepOf('The postmortem’s canvas lists the actions');
    expect(canvas).toMatch(/- \*\*ACT-1\*\* Alert on orders-db replica lag .* · @bob · due .* · done: Alert live/);
    const home = stepOf('Carol opens Firebreak’s Home tab');
    expect(home).toContain('Home tab of @carol');
    expect(home).toContain('[Declare incident]');
    expect(home).toContain('*INC-3* Suspicious admin logins · SEV1 · investigating · :lock: private');
    expect(home).toMatch(/\*ACT-2\* Investigate the failover[\s\S]*\[Done\] \[Snooze\] \[Reassign\] \[Won't do\]/);
  });
  it('shows the figures, their CSV export, the evidence bundle of INC-5 and the weekly digest with its chart', () => {
    const stepOf = (heading: string) => output.split('\n━━ ').find((s) => s.startsWith(heading)) ?? '';
    // /incident stats: the ack at once, then the answer with its button, as only Alice sees them.
    const stats = stepOf('Alice asks for the figures');
    expect(stats).toContain('(only visible to you) :bar_chart: Working out the figures…');
    expect(stats).toMatch(/\*Incident stats\* · the last 30 days/);
    expect(stats).toMatch(/\*Incidents:\* 5 .*1 private \(counted, never named\)/);
    expect(stats).toContain('[Export CSV]');
    // Export CSV: the answer, the DM's comment and the incidents file, header first, the private one unnamed.
    const csv = stepOf('Alice presses Export CSV');
    expect(csv).toContain('are on their way to your direct messages');
    expect(csv).toMatch(/DM to @alice: :bar_chart: Incidents and actions for .*: 5 incidents, 2 actions\./);
    expect(csv).toMatch(
      /firebreak-stats-[\d-]+-incidents\.csv \(first lines\):\n\s+incident,title,severity,status,private/,
    );
    expect(csv).toMatch(/\n\s+INC-1,Checkout errors spiking,sev1,/);
    expect(csv).toMatch(/\n\s+,,sev1,investigating,yes,/);
    expect(csv).not.toContain('Suspicious admin logins');
    // /incident export: one upload with both files; the Markdown opens with its title and who generated it.
    const evidence = stepOf('Alice exports INC-5’s evidence bundle');
    expect(evidence).toContain('Preparing the evidence bundle…');
    expect(evidence).toContain(
      ':file_folder: INC-5 evidence bundle 1 (Markdown for people, JSON for machines), requested by @alice.',
    );
    expect(evidence).toContain('Files in the upload: inc-5-evidence-1.md, inc-5-evidence-1.json');
    expect(evidence).toMatch(
      /inc-5-evidence-1\.md \(first 15 lines\):\n\s+# INC-5 evidence bundle: Orders writes failing\n\s*\n\s+Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC by alice\./,
    );
    expect(evidence).toContain('schema: firebreak.evidence/v1');
    expect(evidence).toContain('generatedBy: {"id":"U0ALICE","name":"alice"}');
    expect(evidence).toMatch(/timeline: [1-9]\d* entries · actions: 2 · audit: [1-9]\d* entries/);
    // The digest, once, in #reliability, about the week of the demo's incidents, the private one unnamed.
    const digest =
      output.split('\n━━ ').find((s) => /^The clock moves to .*: the weekly reliability digest/.test(s)) ?? '';
    expect(digest).toContain('#reliability');
    expect(digest.match(/== Reliability digest: /g)).toHaveLength(1);
    expect(digest).toMatch(/\*Opened:\* 5 incidents \(SEV1 3 · SEV2 2\)/);
    expect(digest).toContain('• *INC-5* Orders writes failing · SEV1 · #inc-5-orders-writes-failing');
    expect(digest).toContain('• 1 private incident (counted, not named)');
    expect(digest).not.toContain('Suspicious admin logins');
    // The chart in its thread: a 1600×720 PNG with its alt text.
    expect(digest).toMatch(/↳ .*The last twelve weeks/);
    expect(digest).toMatch(/Chart in the thread: reliability-digest-\d{4}-\d\d-\d\d\.png · 1600×720 PNG/);
    expect(digest).toMatch(
      /Alt text: Incidents per week by severity and median time to restore, 12 weeks .*: 5 incidents in all/,
    );
  });
});
