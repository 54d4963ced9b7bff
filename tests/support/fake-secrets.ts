/**
 * Secret-shaped strings built at run time, so the repository holds no literal a secret scanner would
 * flag. Each has the exact shape of its gitleaks rule; none was ever a real credential.
 */
const alnum = (length: number, seed = 7): string => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[(i * seed + 3) % chars.length];
  return out;
};
const upper = (length: number): string =>
  alnum(length * 2, 5)
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, length)
    .padEnd(length, 'Q');

export const fakeSecrets = {
  githubPat: ['gh', 'p_'].join('') + alnum(36),
  githubOauth: ['gh', 'o_'].join('') + alnum(36, 11),
  githubApp: ['gh', 's_'].join('') + alnum(36, 13),
  githubFineGrained: ['github', '_pat_'].join('') + `${alnum(22, 17)}_${alnum(59, 19)}`,
  jwt: ['ey', 'J'].join('') + `${alnum(30, 23)}.${['ey', 'J'].join('')}${alnum(40, 29)}.${alnum(43, 31)}`,
  stripeLive: ['sk', '_live_'].join('') + alnum(24, 37),
  stripeRestricted: ['rk', '_live_'].join('') + alnum(24, 41),
  stripeTest: ['sk', '_test_'].join('') + alnum(24, 43),
  slackWebhook: `https://${['hooks', 'slack', 'com'].join('.')}/services/T${upper(8)}/B${upper(10)}/${alnum(24, 47)}`,
  awsAccessKeyId: ['AK', 'IA'].join('') + upper(16),
  awsSecret: `${alnum(12, 53)}/${alnum(14, 59)}+${alnum(12, 61)}`,
  password: `hunter-${alnum(6, 67)}`,
};

/** Every fake secret, for "none of these appear anywhere" assertions. */
export const allFakeSecrets: string[] = Object.values(fakeSecrets);
