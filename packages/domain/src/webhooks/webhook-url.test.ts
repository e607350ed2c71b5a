import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-url';

describe('webhook URLs', () => {
  it.each([
    'https://hooks.example.com/in',
    'https://8.8.8.8/in',
    'https://[2001:4860:4860::8888]/in',
  ])('accepts the public https URL %s in AWS', (url) => {
    expect(webhookUrlProblem(url, 'public')).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/in', 'must be an https URL'],
    ['http://127.0.0.1:8080/in', 'must be an https URL'],
    ['https://localhost/in', 'must not point at a loopback address'],
    ['https://[::1]/in', 'must not point at a loopback address'],
    ['https://10.1.2.3/in', 'must not point at a private, link-local or reserved address'],
    ['https://192.168.0.1/in', 'must not point at a private, link-local or reserved address'],
    ['https://169.254.169.254/latest/meta-data', 'must not point at a private, link-local or reserved address'],
    ['https://[fd00::1]/in', 'must not point at a private, link-local or reserved address'],
    ['https://[::ffff:10.0.0.1]/in', 'must not point at a private, link-local or reserved address'],
    ['https://0.0.0.0/in', 'must not point at a private, link-local or reserved address'],
    ['https://intranet/in', 'must have a fully qualified host name'],
    ['https://me:pw@hooks.example.com/in', 'must not contain a user name or password'],
    ['file:///etc/passwd', 'must be an https URL'],
    ['hooks.example.com', 'must be an absolute URL such as https://example.com/hooks'],
  ])('refuses %s in AWS: %s', (url, problem) => {
    expect(webhookUrlProblem(url, 'public')).toBe(problem);
  });

  it('allows http to loopback only when the stack runs locally', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hooks', 'local')).toBeNull();
    expect(webhookUrlProblem('http://localhost:4000/hooks', 'local')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:4000/hooks', 'local')).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.com/in', 'local')).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/in', 'local')).toMatch(/https/);
    expect(webhookUrlProblem('https://10.0.0.1/in', 'local')).toMatch(/private/);
  });
});
