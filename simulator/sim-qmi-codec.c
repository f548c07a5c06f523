/* SPDX-License-Identifier: GPL-2.0-or-later */
/* QMUX framing for the QMI front end: finds frames in a byte stream,
 * checks and reads their headers and TLVs, and builds the frames the
 * modem sends (responses and indications). */
#include "sim-qmi-codec.h"

#include <string.h>

#define CTL_HEADER_SIZE     6 /* flags, transaction (8), message, TLV length */
#define SERVICE_HEADER_SIZE 7 /* flags, transaction (16), message, TLV length */
#define TLV_HEADER_SIZE     3

static guint16
get_u16 (const guint8 *data)
{
  return (guint16)(data[0] | (data[1] << 8));
}

static void
put_u16 (guint8 *data, guint16 value)
{
  data[0] = value & 0xFF;
  data[1] = value >> 8;
}

SimQmiCut
sim_qmi_cut (const guint8 *data, gsize len, gsize *out_len)
{
  gsize frame_len;

  if (len == 0)
    return SIM_QMI_CUT_INCOMPLETE;
  if (data[0] != SIM_QMI_MARKER) {
    const guint8 *marker = memchr (data, SIM_QMI_MARKER, len);

    *out_len = marker ? (gsize)(marker - data) : len;
    return SIM_QMI_CUT_GARBAGE;
  }
  if (len < 3)
    return SIM_QMI_CUT_INCOMPLETE;
  frame_len = 1 + (gsize)get_u16 (data + 1);
  if (frame_len < SIM_QMI_MIN_FRAME) {
    *out_len = 1;
    return SIM_QMI_CUT_GARBAGE;
  }
  if (len < frame_len)
    return SIM_QMI_CUT_INCOMPLETE;
  *out_len = frame_len;
  return SIM_QMI_CUT_FRAME;
}

/* Each TLV's length stays inside the area, which they fill exactly. */
static gboolean
tlvs_valid (const guint8 *tlvs, gsize len)
{
  gsize at = 0;

  while (at < len) {
    if (len - at < TLV_HEADER_SIZE)
      return FALSE;
    at += TLV_HEADER_SIZE + get_u16 (tlvs + at + 1);
    if (at > len)
      return FALSE;
  }
  return TRUE;
}

gboolean
sim_qmi_parse (const guint8 *data, gsize len, SimQmiMessage *out)
{
  const guint8 *qmi = data + SIM_QMI_QMUX_SIZE;
  gsize header;

  if (len < SIM_QMI_MIN_FRAME || data[0] != SIM_QMI_MARKER || 1 + (gsize)get_u16 (data + 1) != len)
    return FALSE;
  memset (out, 0, sizeof *out);
  out->qmux_flags = data[3];
  out->service = data[4];
  out->client = data[5];
  out->flags = qmi[0];
  if (out->service == SIM_QMI_SERVICE_CTL) {
    header = CTL_HEADER_SIZE;
    out->transaction = qmi[1];
  } else {
    header = SERVICE_HEADER_SIZE;
    if (len < SIM_QMI_QMUX_SIZE + header)
      return FALSE;
    out->transaction = get_u16 (qmi + 1);
  }
  out->message = get_u16 (qmi + header - 4);
  out->tlvs = qmi + header;
  out->tlvs_len = get_u16 (qmi + header - 2);
  if (SIM_QMI_QMUX_SIZE + header + out->tlvs_len != len)
    return FALSE;
  return tlvs_valid (out->tlvs, out->tlvs_len);
}

gboolean
sim_qmi_find_tlv (const SimQmiMessage *msg, guint8 type, const guint8 **value, guint16 *len)
{
  gsize at = 0;

  while (at + TLV_HEADER_SIZE <= msg->tlvs_len) {
    guint16 tlv_len = get_u16 (msg->tlvs + at + 1);

    if (msg->tlvs[at] == type) {
      *value = msg->tlvs + at + TLV_HEADER_SIZE;
      *len = tlv_len;
      return TRUE;
    }
    at += TLV_HEADER_SIZE + tlv_len;
  }
  return FALSE;
}

/* --- building --------------------------------------------------------------- */

GByteArray *
sim_qmi_frame_new (guint8 service, guint8 client, guint8 flags, guint16 transaction, guint16 message)
{
  GByteArray *frame = g_byte_array_new ();
  guint8 qmux[SIM_QMI_QMUX_SIZE] = { SIM_QMI_MARKER, 0, 0, SIM_QMI_QMUX_FROM_SERVICE, service, client };
  guint8 header[SERVICE_HEADER_SIZE] = { flags };
  gsize header_len;

  g_byte_array_append (frame, qmux, sizeof qmux);
  if (service == SIM_QMI_SERVICE_CTL) {
    header[1] = (guint8)transaction;
    header_len = CTL_HEADER_SIZE;
  } else {
    put_u16 (header + 1, transaction);
    header_len = SERVICE_HEADER_SIZE;
  }
  put_u16 (header + header_len - 4, message);
  g_byte_array_append (frame, header, header_len);
  return frame;
}

void
sim_qmi_frame_tlv (GByteArray *frame, guint8 type, const guint8 *value, guint16 len)
{
  guint8 header[TLV_HEADER_SIZE] = { type };

  put_u16 (header + 1, len);
  g_byte_array_append (frame, header, sizeof header);
  if (len)
    g_byte_array_append (frame, value, len);
}

void
sim_qmi_frame_tlv_u8 (GByteArray *frame, guint8 type, guint8 value)
{
  sim_qmi_frame_tlv (frame, type, &value, 1);
}

void
sim_qmi_frame_tlv_string (GByteArray *frame, guint8 type, const char *value)
{
  gsize len = value ? strlen (value) : 0;

  sim_qmi_frame_tlv (frame, type, (const guint8 *)value, (guint16)MIN (len, G_MAXUINT16 - 64));
}

void
sim_qmi_frame_result (GByteArray *frame, SimQmiError error)
{
  guint8 value[4];

  put_u16 (value, error == SIM_QMI_ERROR_NONE ? SIM_QMI_RESULT_SUCCESS : SIM_QMI_RESULT_FAILURE);
  put_u16 (value + 2, (guint16)error);
  sim_qmi_frame_tlv (frame, SIM_QMI_TLV_RESULT, value, sizeof value);
}

GByteArray *
sim_qmi_frame_end (GByteArray *frame)
{
  gsize header_len = frame->data[4] == SIM_QMI_SERVICE_CTL ? CTL_HEADER_SIZE : SERVICE_HEADER_SIZE;
  gsize tlvs_len = frame->len - SIM_QMI_QMUX_SIZE - header_len;

  put_u16 (frame->data + 1, (guint16)(frame->len - 1));
  put_u16 (frame->data + SIM_QMI_QMUX_SIZE + header_len - 2, (guint16)tlvs_len);
  return frame;
}

/* --- TLV values ------------------------------------------------------------- */

void
sim_qmi_put_u8 (GByteArray *value, guint8 v)
{
  g_byte_array_append (value, &v, 1);
}

void
sim_qmi_put_u16 (GByteArray *value, guint16 v)
{
  guint8 bytes[2];

  put_u16 (bytes, v);
  g_byte_array_append (value, bytes, sizeof bytes);
}

void
sim_qmi_put_u32 (GByteArray *value, guint32 v)
{
  sim_qmi_put_u16 (value, (guint16)(v & 0xFFFF));
  sim_qmi_put_u16 (value, (guint16)(v >> 16));
}

void
sim_qmi_put_u64 (GByteArray *value, guint64 v)
{
  sim_qmi_put_u32 (value, (guint32)(v & 0xFFFFFFFF));
  sim_qmi_put_u32 (value, (guint32)(v >> 32));
}

void
sim_qmi_put_string8 (GByteArray *value, const char *s)
{
  gsize len = s ? MIN (strlen (s), 255) : 0;

  sim_qmi_put_u8 (value, (guint8)len);
  if (len)
    g_byte_array_append (value, (const guint8 *)s, (guint)len);
}

void
sim_qmi_frame_tlv_take (GByteArray *frame, guint8 type, GByteArray *value)
{
  sim_qmi_frame_tlv (frame, type, value->data, (guint16)MIN (value->len, G_MAXUINT16 - 64));
  g_byte_array_unref (value);
}

void
sim_qmi_frame_tlv_u16 (GByteArray *frame, guint8 type, guint16 v)
{
  guint8 bytes[2];

  put_u16 (bytes, v);
  sim_qmi_frame_tlv (frame, type, bytes, sizeof bytes);
}

void
sim_qmi_frame_tlv_u32 (GByteArray *frame, guint8 type, guint32 v)
{
  guint8 bytes[4];

  put_u16 (bytes, (guint16)(v & 0xFFFF));
  put_u16 (bytes + 2, (guint16)(v >> 16));
  sim_qmi_frame_tlv (frame, type, bytes, sizeof bytes);
}

gboolean
sim_qmi_tlv_u8 (const SimQmiMessage *msg, guint8 type, guint8 *out)
{
  const guint8 *value;
  guint16 len;

  if (!sim_qmi_find_tlv (msg, type, &value, &len) || len != 1)
    return FALSE;
  *out = value[0];
  return TRUE;
}

gboolean
sim_qmi_tlv_u16 (const SimQmiMessage *msg, guint8 type, guint16 *out)
{
  const guint8 *value;
  guint16 len;

  if (!sim_qmi_find_tlv (msg, type, &value, &len) || len != 2)
    return FALSE;
  *out = get_u16 (value);
  return TRUE;
}

gboolean
sim_qmi_tlv_u32 (const SimQmiMessage *msg, guint8 type, guint32 *out)
{
  const guint8 *value;
  guint16 len;

  if (!sim_qmi_find_tlv (msg, type, &value, &len) || len != 4)
    return FALSE;
  *out = (guint32)get_u16 (value) | (guint32)get_u16 (value + 2) << 16;
  return TRUE;
}

gboolean
sim_qmi_reader_init (SimQmiReader *r, const SimQmiMessage *msg, guint8 type)
{
  memset (r, 0, sizeof *r);
  r->ok = sim_qmi_find_tlv (msg, type, &r->data, &r->len);
  return r->ok;
}

/* The next n bytes of the value, NULL (and !ok from then on) past its end. */
static const guint8 *
reader_take (SimQmiReader *r, guint16 n)
{
  const guint8 *at;

  if (!r->ok || r->len - r->at < n) {
    r->ok = FALSE;
    return NULL;
  }
  at = r->data + r->at;
  r->at += n;
  return at;
}

guint8
sim_qmi_read_u8 (SimQmiReader *r)
{
  const guint8 *at = reader_take (r, 1);

  return at ? at[0] : 0;
}

guint16
sim_qmi_read_u16 (SimQmiReader *r)
{
  const guint8 *at = reader_take (r, 2);

  return at ? get_u16 (at) : 0;
}

guint32
sim_qmi_read_u32 (SimQmiReader *r)
{
  const guint8 *at = reader_take (r, 4);

  return at ? (guint32)get_u16 (at) | (guint32)get_u16 (at + 2) << 16 : 0;
}

char *
sim_qmi_read_string8 (SimQmiReader *r)
{
  guint8 len = sim_qmi_read_u8 (r);
  const guint8 *at = r->ok ? reader_take (r, len) : NULL;

  return at ? g_strndup ((const char *)at, len) : NULL;
}

char *
sim_qmi_tlv_string (const SimQmiMessage *msg, guint8 type)
{
  const guint8 *value;
  guint16 len;

  if (!sim_qmi_find_tlv (msg, type, &value, &len))
    return NULL;
  return g_strndup ((const char *)value, len);
}
