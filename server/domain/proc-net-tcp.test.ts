import { describe, expect, it } from 'vitest';
import { parseProcNetTcp } from './proc-net-tcp';

// Lines as a Debian container's kernel writes them.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:2328 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41236 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 41237 1 0000000000000000 100 0 0 10 0
   2: 0100007F:1F90 0100007F:D2C4 01 00000000:00000000 00:00000000 00000000  1000        0 41238 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:1388 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:1389 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51235 1 0000000000000000 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:138A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51236 1 0000000000000000 100 0 0 10 0
`;

describe('parseProcNetTcp', () => {
  it('lists the listening sockets with their addresses, skipping established ones', () => {
    expect(parseProcNetTcp(`${TCP}\n${TCP6}`)).toEqual([
      { port: 5000, address: '::' },
      { port: 5001, address: '::1' },
      { port: 5002, address: '127.0.0.1' },
      { port: 8080, address: '127.0.0.1' },
      { port: 9000, address: '0.0.0.0' },
    ]);
  });

  it('reads nothing from text that is not a socket table', () => {
    expect(parseProcNetTcp('')).toEqual([]);
    expect(parseProcNetTcp('cat: /proc/net/tcp6: No such file or directory')).toEqual([]);
  });
});
