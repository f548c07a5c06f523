/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMUX byte formats (little endian): a frame is the 0x01 marker, the QMUX
 * header (length, flags, service, client id), the QMI header (CTL: flags,
 * 8-bit transaction; other services: flags, 16-bit transaction; then the
 * message id and TLV length) and TLVs (type, 16-bit length, value).
 * Cutting a byte stream into frames, checking and reading them, and
 * building replies. No session state lives here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SIM_QMI_MARKER      0x01
#define SIM_QMI_SERVICE_CTL 0x00
#define SIM_QMI_SERVICE_WDS 0x01
#define SIM_QMI_SERVICE_DMS 0x02
#define SIM_QMI_SERVICE_NAS 0x03
#define SIM_QMI_SERVICE_WMS 0x05
#define SIM_QMI_SERVICE_UIM 0x0B
#define SIM_QMI_SERVICE_WDA 0x1A
/* Marker, QMUX header (5), CTL header (6) / service header (7). */
#define SIM_QMI_QMUX_SIZE 6
#define SIM_QMI_MIN_FRAME (SIM_QMI_QMUX_SIZE + 6)
/* The QMUX length field is 16 bits; no frame is longer. */
#define SIM_QMI_MAX_FRAME (1 + 0xFFFF)

/* QMUX flags: set on frames the modem sends. */
#define SIM_QMI_QMUX_FROM_SERVICE 0x80
/* QMI header flags. */
#define SIM_QMI_CTL_FLAG_RESPONSE   0x01
#define SIM_QMI_CTL_FLAG_INDICATION 0x02
#define SIM_QMI_FLAG_RESPONSE       0x02
#define SIM_QMI_FLAG_INDICATION     0x04
#define SIM_QMI_TLV_RESULT          0x02
#define SIM_QMI_RESULT_SUCCESS      0
#define SIM_QMI_RESULT_FAILURE      1

/* QMI protocol error codes (the second half of the result TLV). */
typedef enum {
  SIM_QMI_ERROR_NONE = 0,
  SIM_QMI_ERROR_MALFORMED_MESSAGE = 1,
  SIM_QMI_ERROR_INTERNAL = 3,
  SIM_QMI_ERROR_CLIENT_IDS_EXHAUSTED = 5,
  SIM_QMI_ERROR_INVALID_CLIENT_ID = 7,
  SIM_QMI_ERROR_INVALID_HANDLE = 9,
  SIM_QMI_ERROR_INCORRECT_PIN = 12,
  SIM_QMI_ERROR_NO_NETWORK_FOUND = 13,
  SIM_QMI_ERROR_CALL_FAILED = 14,
  SIM_QMI_ERROR_OUT_OF_CALL = 15,
  SIM_QMI_ERROR_MISSING_ARGUMENT = 17,
  SIM_QMI_ERROR_NO_EFFECT = 26,
  SIM_QMI_ERROR_INVALID_SERVICE_TYPE = 31,
  SIM_QMI_ERROR_PIN_BLOCKED = 35,
  SIM_QMI_ERROR_PIN_ALWAYS_BLOCKED = 36,
  SIM_QMI_ERROR_UIM_UNINITIALIZED = 37,
  SIM_QMI_ERROR_GENERAL_ERROR = 46,
  SIM_QMI_ERROR_INVALID_ARGUMENT = 48,
  SIM_QMI_ERROR_INVALID_INDEX = 49,
  SIM_QMI_ERROR_NO_ENTRY = 50,
  SIM_QMI_ERROR_DEVICE_STORAGE_FULL = 51,
  SIM_QMI_ERROR_WMS_ENCODING = 58,
  SIM_QMI_ERROR_INVALID_OPERATION = 70,
  SIM_QMI_ERROR_INVALID_QMI_COMMAND = 71,
  SIM_QMI_ERROR_INFORMATION_UNAVAILABLE = 74,
  SIM_QMI_ERROR_SIM_FILE_NOT_FOUND = 80,
  SIM_QMI_ERROR_ACCESS_DENIED = 82,
  SIM_QMI_ERROR_NO_RADIO = 93,
  SIM_QMI_ERROR_NOT_SUPPORTED = 94,
} SimQmiError;

typedef struct {
  guint8 qmux_flags;
  guint8 service;
  guint8 client;
  guint8 flags;
  guint16 transaction; /* 8 bits for CTL */
  guint16 message;
  const guint8 *tlvs; /* points into the frame */
  gsize tlvs_len;
} SimQmiMessage;

typedef enum {
  SIM_QMI_CUT_INCOMPLETE, /* more bytes needed */
  SIM_QMI_CUT_FRAME,      /* *out_len bytes form a frame */
  SIM_QMI_CUT_GARBAGE,    /* drop *out_len bytes and look again */
} SimQmiCut;

/* Where the next frame in data ends: a frame starts with the marker and
 * is 1 + the QMUX length long; bytes before a marker, and a marker with a
 * length too small for the headers, are garbage. */
SimQmiCut sim_qmi_cut (const guint8 *data, gsize len, gsize *out_len);
/* Parses a whole frame: headers consistent with the frame's length, the
 * TLVs exactly filling their area. */
gboolean sim_qmi_parse (const guint8 *data, gsize len, SimQmiMessage *out);
/* The value of TLV type in msg; FALSE when absent. */
gboolean sim_qmi_find_tlv (const SimQmiMessage *msg, guint8 type, const guint8 **value, guint16 *len);

/* --- building --------------------------------------------------------------- */

/* Starts a frame from the modem for service/client: for a response the
 * transaction and message of the request; flags are the QMI header flags. */
GByteArray *sim_qmi_frame_new (guint8 service, guint8 client, guint8 flags, guint16 transaction,
                               guint16 message);
void sim_qmi_frame_tlv (GByteArray *frame, guint8 type, const guint8 *value, guint16 len);
void sim_qmi_frame_tlv_u8 (GByteArray *frame, guint8 type, guint8 value);
void sim_qmi_frame_tlv_string (GByteArray *frame, guint8 type, const char *value);
/* The result TLV: success for SIM_QMI_ERROR_NONE, else failure with it. */
void sim_qmi_frame_result (GByteArray *frame, SimQmiError error);
/* Fills in the QMUX and TLV lengths; returns frame. */
GByteArray *sim_qmi_frame_end (GByteArray *frame);

/* --- TLV values ------------------------------------------------------------- */

void sim_qmi_put_u8 (GByteArray *value, guint8 v);
void sim_qmi_put_u16 (GByteArray *value, guint16 v);
void sim_qmi_put_u32 (GByteArray *value, guint32 v);
void sim_qmi_put_u64 (GByteArray *value, guint64 v);
/* A string with a one-byte length in front (strings inside structures). */
void sim_qmi_put_string8 (GByteArray *value, const char *s);
/* Adds value as TLV type to frame and frees value. */
void sim_qmi_frame_tlv_take (GByteArray *frame, guint8 type, GByteArray *value);
void sim_qmi_frame_tlv_u16 (GByteArray *frame, guint8 type, guint16 v);
void sim_qmi_frame_tlv_u32 (GByteArray *frame, guint8 type, guint32 v);

/* Reads a TLV of exactly the integer's size; FALSE when absent or of
 * another size. */
gboolean sim_qmi_tlv_u8 (const SimQmiMessage *msg, guint8 type, guint8 *out);
gboolean sim_qmi_tlv_u16 (const SimQmiMessage *msg, guint8 type, guint16 *out);
gboolean sim_qmi_tlv_u32 (const SimQmiMessage *msg, guint8 type, guint32 *out);
/* A cursor over one TLV's value for structured contents. */
typedef struct {
  const guint8 *data;
  guint16 len;
  guint16 at;
  gboolean ok; /* FALSE once a read ran past the end */
} SimQmiReader;
gboolean sim_qmi_reader_init (SimQmiReader *r, const SimQmiMessage *msg, guint8 type);
guint8 sim_qmi_read_u8 (SimQmiReader *r);
guint16 sim_qmi_read_u16 (SimQmiReader *r);
guint32 sim_qmi_read_u32 (SimQmiReader *r);
/* A string with a one-byte length; NULL when it does not fit. */
char *sim_qmi_read_string8 (SimQmiReader *r);
/* The whole TLV as a string (a TLV that is only a string); NULL if absent. */
char *sim_qmi_tlv_string (const SimQmiMessage *msg, guint8 type);

G_END_DECLS
