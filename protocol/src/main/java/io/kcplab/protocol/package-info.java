/**
 * KcpLab's sans-I/O KCP stack: the ARQ engine ({@code kcp}), Reed-Solomon FEC ({@code fec}), packet checksums
 * ({@code checksum}), packet ciphers ({@code crypto}) and the datagram pipeline ({@code wire}). Nothing here reads
 * a clock, a socket or a global random source: time is an argument, datagrams are byte arrays.
 */
package io.kcplab.protocol;
