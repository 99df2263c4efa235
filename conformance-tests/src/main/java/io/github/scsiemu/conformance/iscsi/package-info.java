/**
 * The conformance suite over iSCSI (RFC 7143): {@link io.github.scsiemu.conformance.iscsi.IscsiTargetUnderTest}
 * reaches any iSCSI target through the {@code scsi-emu-iscsi} initiator, one new session (a new ISID, so a new I_T
 * nexus) per conformance session, and returns the same outcomes an in-process target returns, so every suite runs
 * unchanged. From the command line, pass an iSCSI URL where a factory class would go:
 * <pre>
 * java -cp ... io.github.scsiemu.conformance.ConformanceRunner --seed 7 iscsi://127.0.0.1:3260/iqn.2026-01.org.example:disk
 * </pre>
 */
package io.github.scsiemu.conformance.iscsi;
