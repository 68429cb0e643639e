import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, installed with apt when missing (never skipped: CI must run these). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    const root = process.getuid?.() === 0;
    execFileSync(root ? 'apt-get' : 'sudo', [...(root ? [] : ['-n', 'apt-get']), 'install', '-y', 'chromium'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
