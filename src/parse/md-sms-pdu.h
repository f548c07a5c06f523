/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 3GPP TS 23.040 TPDUs: decodes SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT
 * (with or without the leading SMSC field of 27.005 PDU mode) into an
 * MdSmsPart, and encodes SMS-SUBMIT. Pure: bytes in, values out. */
#pragma once

#include <glib.h>

#include "md-enums.h"
#include "md-sms-split.h"

G_BEGIN_DECLS

/* One decoded PDU: one part of a message. Strings are UTF-8; a field the
 * PDU type does not carry keeps its "absent" value. */
typedef struct {
  MdSmsPduType type;                /* DELIVER, SUBMIT or STATUS_REPORT */
  char *smsc;                       /* "+4917..." or digits; NULL when absent/empty */
  char *number;                     /* originating (DELIVER), destination (SUBMIT) or
                                     * recipient (STATUS_REPORT) address: "+..." when
                                     * international, else digits (or * # a b c), or
                                     * the text of an alphanumeric address */
  guint8 pid;                       /* TP-PID */
  guint8 dcs;                       /* TP-DCS as received */
  MdSmsEncoding encoding;           /* alphabet from TP-DCS */
  gint message_class;               /* 0..3, -1 when TP-DCS names none */
  char *timestamp;                  /* TP-SCTS as "2011-02-28T11:50:50-05:00", NULL if
                                     * absent or out of range (e.g. all zeros) */
  char *discharge_timestamp;        /* TP-DT of a status report, same format */
  MdSmsValidityType validity_type;  /* SUBMIT: UNKNOWN when TP-VP absent */
  guint validity_relative;          /* minutes, when validity_type is RELATIVE */
  gboolean delivery_report_request; /* SUBMIT TP-SRR / DELIVER TP-SRI /
                                     * STATUS_REPORT TP-SRQ */
  guint8 message_reference;         /* TP-MR (SUBMIT, STATUS_REPORT) */
  guint delivery_state;             /* TP-ST (an MdSmsDeliveryState value) of a
                                     * status report; MD_SMS_DELIVERY_STATE_UNKNOWN otherwise */
  gboolean concat;                  /* a concatenation IE was present */
  guint16 concat_reference;         /* 8- or 16-bit reference */
  guint8 concat_max;                /* parts in the message, 1..255 */
  guint8 concat_sequence;           /* this part, 1..concat_max */
  char *text;                       /* GSM 7-bit or UCS-2 user data; NULL for 8-bit */
  GBytes *data;                     /* 8-bit user data (UDH removed); NULL otherwise */
} MdSmsPart;

MdSmsPart *md_sms_part_new (void);
void md_sms_part_free (MdSmsPart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSmsPart, md_sms_part_free)

/* Decodes len bytes of one PDU. with_smsc: the PDU starts with the SMSC
 * address field (27.005 PDU mode, MBIM and QMI raw 3GPP PDUs). The direction
 * comes from TP-MTI: 0 DELIVER, 1 SUBMIT, 2 STATUS-REPORT (never read as
 * SMS-COMMAND: a device does not store or receive those). Reserved TP-DCS
 * codings read as GSM 7-bit, as 23.038 tells a receiver.
 * Errors: MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER for a malformed PDU
 * (truncated, bad lengths, invalid BCD (also in a timestamp), a UDH or UDL
 * that overruns the data); MD_MESSAGE_ERROR_NOT_SUPPORTED for a compressed
 * TP-DCS or TP-MTI 3. Bytes after the user data are ignored. */
MdSmsPart *md_sms_pdu_decode (const guint8 *pdu, gsize len, gboolean with_smsc, GError **error);
/* The same from hex text (as +CMGR/+CMGL/+CMT carry it). Bad hex is
 * MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER. */
MdSmsPart *md_sms_pdu_decode_hex (const char *hex, gboolean with_smsc, GError **error);

/* What every part of a message to send shares. */
typedef struct {
  const char *smsc;                 /* "+..." or digits; NULL or "": none (a zero
                                     * length octet when the SMSC field is written) */
  const char *number;               /* destination: "+" then digits is international,
                                     * digits (and * # a b c) national/unknown */
  MdSmsValidityType validity_type;  /* UNKNOWN: no TP-VP; RELATIVE only else */
  guint validity_relative;          /* minutes, 1 .. 635040 (63 weeks), rounded
                                     * up to a TP-VP step (5 minutes at least) */
  gint message_class;               /* 0..3, or -1 for none */
  gboolean delivery_report_request; /* TP-SRR */
  guint8 message_reference;         /* TP-MR (0 lets an AT modem choose) */
} MdSmsSubmit;

/* One encoded SMS-SUBMIT. */
typedef struct {
  GBytes *pdu;    /* whole PDU, the SMSC field first when asked */
  guint tpdu_len; /* octets after the SMSC field (AT+CMGS=<len>) */
} MdSmsPdu;

void md_sms_pdu_free (MdSmsPdu *pdu);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdSmsPdu, md_sms_pdu_free)

/* Encodes one part. payload is one element of md_sms_split_text/_data (in
 * encoding). When n_parts > 1 a concatenation UDH (IEI 0x00, 8-bit
 * reference concat_reference) with part (1-based) of n_parts is added.
 * with_smsc: write the SMSC field first (27.005 PDU mode always wants it).
 * MD_CORE_ERROR_INVALID_ARGS for a bad number/SMSC, a payload too long for
 * one part, a class or validity out of range, or part not in 1..n_parts. */
MdSmsPdu *md_sms_pdu_encode_submit (const MdSmsSubmit *submit, MdSmsEncoding encoding, GBytes *payload,
                                    guint8 concat_reference, guint part, guint n_parts, gboolean with_smsc,
                                    GError **error);

/* Splits text (UTF-8), or data when text is NULL, and encodes every part:
 * an array of MdSmsPdu (owned by the array), in order. Errors as
 * md_sms_split_text/_data and md_sms_pdu_encode_submit. */
GPtrArray *md_sms_pdu_encode_message (const MdSmsSubmit *submit, const char *text, const guint8 *data,
                                      gsize data_len, guint8 concat_reference, gboolean with_smsc,
                                      GError **error);

G_END_DECLS
