import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

/**
 * Where browser mode listens and which names a request may use to reach it. The Host check stays on
 * whatever the address: a foreign page that rebinds its own name to this machine still sends its own name
 * as the Host, so only names this machine really answers to (or that the user named) are let in.
 */
export interface ListenAddress {
  /** The address as given (`127.0.0.1`, `0.0.0.0`, `::`, a name or an address of one interface). */
  readonly host: string;
  /** True when it accepts connections from other machines (anything but loopback). */
  readonly remote: boolean;
  /** `0.0.0.0` or `::`: every interface. */
  readonly wildcard: boolean;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

export function listenAddress(host: string): ListenAddress {
  const wildcard = WILDCARD_HOSTS.has(host);
  return { host, wildcard, remote: wildcard || !isLoopback(host) };
}

/** Names and addresses only this machine itself reaches. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name === '::1' || name === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** A host as it appears in a URL or a Host header: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/**
 * The names this server answers to: what it is bound to, and for a wildcard every address of this
 * machine, `localhost` and its host name; plus the names the user allowed (a DNS name that points here).
 */
export function reachableNames(address: ListenAddress, allowed: readonly string[] = []): string[] {
  const names = new Set<string>();
  if (address.wildcard) {
    const ipv6 = address.host === '::';
    for (const entry of Object.values(networkInterfaces()).flat()) {
      if (entry === undefined) continue;
      // `::` also takes IPv4 connections on the usual dual-stack systems; `0.0.0.0` takes only IPv4.
      if (entry.family === 'IPv4' || ipv6) names.add(entry.address);
    }
    names.add('localhost');
    names.add(hostname());
  } else {
    names.add(address.host);
    if (isLoopback(address.host)) names.add('localhost');
  }
  for (const name of allowed) names.add(name);
  return [...names];
}

/** Every Host header value a request may carry: each name with the port (browsers always send it here). */
export function allowedHostHeaders(names: readonly string[], port: number): Set<string> {
  return new Set(names.map((name) => `${urlHost(name).toLowerCase()}:${port}`));
}

/** Whether a Host header names this server (host names are case-insensitive). */
export function hostHeaderAllowed(allowed: ReadonlySet<string>, header: string | undefined): boolean {
  return header !== undefined && allowed.has(header.toLowerCase());
}
