/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MdSms: one message's published values and its parts. Multipart assembly
 * of a single message lives here (which parts belong, when it is whole);
 * which message a part joins is md-sms-list.c's job. */
#include "md-sms.h"

#include "md-errors.h"
#include "md-log.h"

struct _MdSms {
  GObject parent;
  guint id;
  char *log_name;
  MdSmsState state;
  MdSmsPduType pdu_type;
  char *number;
  char *text;
  GBytes *data;
  char *smsc;
  guint validity_relative;
  gint class;
  gboolean delivery_report_request;
  guint message_reference;
  char *timestamp;
  char *discharge_timestamp;
  MdSmsDeliveryState delivery_state;
  MdSmsStorage storage;

  GPtrArray *parts; /* MdSmsEntry*, sorted by concat_sequence */
  guint concat_reference;
  guint concat_max; /* 0: a single part */
  gint64 created_us;
};

enum { SIGNAL_CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MdSms, md_sms, G_TYPE_OBJECT)

MdSmsEntry *
md_sms_entry_new (void)
{
  MdSmsEntry *part = g_new0 (MdSmsEntry, 1);

  part->index = MD_SMS_NO_INDEX;
  part->class = -1;
  part->delivery_state = MD_SMS_DELIVERY_STATE_UNKNOWN;
  return part;
}

MdSmsEntry *
md_sms_entry_copy (const MdSmsEntry *part)
{
  MdSmsEntry *copy = g_memdup2 (part, sizeof *part);

  copy->number = g_strdup (part->number);
  copy->text = g_strdup (part->text);
  copy->data = part->data ? g_bytes_ref (part->data) : NULL;
  copy->smsc = g_strdup (part->smsc);
  copy->timestamp = g_strdup (part->timestamp);
  copy->discharge_timestamp = g_strdup (part->discharge_timestamp);
  return copy;
}

void
md_sms_entry_free (MdSmsEntry *part)
{
  if (!part)
    return;
  g_free (part->number);
  g_free (part->text);
  g_clear_pointer (&part->data, g_bytes_unref);
  g_free (part->smsc);
  g_free (part->timestamp);
  g_free (part->discharge_timestamp);
  g_free (part);
}

void
md_sms_request_free (MdSmsRequest *submit)
{
  if (!submit)
    return;
  g_free (submit->number);
  g_free (submit->text);
  g_clear_pointer (&submit->data, g_bytes_unref);
  g_free (submit->smsc);
  g_free (submit);
}

static void
md_sms_init (MdSms *self)
{
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)md_sms_entry_free);
  self->class = -1;
  self->delivery_state = MD_SMS_DELIVERY_STATE_UNKNOWN;
  self->created_us = g_get_monotonic_time ();
}

static void
md_sms_finalize (GObject *object)
{
  MdSms *self = MD_SMS (object);

  g_ptr_array_unref (self->parts);
  g_free (self->log_name);
  g_free (self->number);
  g_free (self->text);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->smsc);
  g_free (self->timestamp);
  g_free (self->discharge_timestamp);
  G_OBJECT_CLASS (md_sms_parent_class)->finalize (object);
}

static void
md_sms_class_init (MdSmsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_sms_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 0);
}

static void
emit_changed (MdSms *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

MdSms *
md_sms_new_submit (guint id, const char *log_name, const MdSmsRequest *submit)
{
  MdSms *self = g_object_new (MD_TYPE_SMS, NULL);

  self->id = id;
  self->log_name = g_strdup (log_name);
  self->state = MD_SMS_STATE_UNKNOWN;
  self->pdu_type = MD_SMS_PDU_TYPE_SUBMIT;
  self->number = g_strdup (submit->number);
  self->text = g_strdup (submit->text);
  self->data = submit->data ? g_bytes_ref (submit->data) : NULL;
  self->smsc = g_strdup (submit->smsc);
  self->validity_relative = submit->validity_relative;
  self->class = submit->class;
  self->delivery_report_request = submit->delivery_report_request;
  self->storage = MD_SMS_STORAGE_UNKNOWN;
  return self;
}

/* The message's values come from its first part in sequence; text and
 * data are the parts' joined once every part is there. */
static void
assemble (MdSms *self)
{
  const MdSmsEntry *first = g_ptr_array_index (self->parts, 0);
  g_autoptr (GString) text = g_string_new ("");
  g_autoptr (GByteArray) data = g_byte_array_new ();
  gboolean binary = FALSE;

  self->pdu_type = first->pdu_type;
  g_free (self->number);
  self->number = g_strdup (first->number);
  g_free (self->smsc);
  self->smsc = g_strdup (first->smsc);
  g_free (self->timestamp);
  self->timestamp = g_strdup (first->timestamp);
  g_free (self->discharge_timestamp);
  self->discharge_timestamp = g_strdup (first->discharge_timestamp);
  self->class = first->class;
  self->validity_relative = first->validity_relative;
  self->delivery_report_request = first->delivery_report_request;
  self->message_reference = first->message_reference;
  self->delivery_state = first->delivery_state;
  self->storage = first->storage;
  if (!md_sms_is_complete (self))
    return;
  for (guint i = 0; i < self->parts->len; i++) {
    const MdSmsEntry *part = g_ptr_array_index (self->parts, i);

    if (part->text)
      g_string_append (text, part->text);
    if (part->data) {
      gsize size;
      const guint8 *bytes = g_bytes_get_data (part->data, &size);

      binary = TRUE;
      g_byte_array_append (data, bytes, (guint)size);
    }
  }
  g_free (self->text);
  self->text = text->len || !binary ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
  g_clear_pointer (&self->data, g_bytes_unref);
  if (binary)
    self->data = g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* A whole message is in the state its storage gave; parts still missing
 * make a received message RECEIVING. */
static void
update_state (MdSms *self)
{
  const MdSmsEntry *first = g_ptr_array_index (self->parts, 0);

  if (md_sms_is_complete (self))
    self->state = first->state;
  else
    self->state = first->state == MD_SMS_STATE_RECEIVED ? MD_SMS_STATE_RECEIVING : first->state;
}

MdSms *
md_sms_new_from_part (guint id, const char *log_name, MdSmsEntry *part)
{
  MdSms *self = g_object_new (MD_TYPE_SMS, NULL);

  self->id = id;
  self->log_name = g_strdup (log_name);
  if (part->concat_max > 1) {
    self->concat_reference = part->concat_reference;
    self->concat_max = part->concat_max;
  }
  g_ptr_array_add (self->parts, part);
  assemble (self);
  update_state (self);
  return self;
}

guint
md_sms_get_id (MdSms *self)
{
  return self->id;
}

MdSmsState
md_sms_get_state (MdSms *self)
{
  return self->state;
}

MdSmsPduType
md_sms_get_pdu_type (MdSms *self)
{
  return self->pdu_type;
}

const char *
md_sms_get_number (MdSms *self)
{
  return self->number ? self->number : "";
}

const char *
md_sms_get_text (MdSms *self)
{
  return self->text ? self->text : "";
}

GBytes *
md_sms_get_data (MdSms *self)
{
  return self->data;
}

const char *
md_sms_get_smsc (MdSms *self)
{
  return self->smsc ? self->smsc : "";
}

guint
md_sms_get_validity_relative (MdSms *self)
{
  return self->validity_relative;
}

gint
md_sms_get_class (MdSms *self)
{
  return self->class;
}

gboolean
md_sms_get_delivery_report_request (MdSms *self)
{
  return self->delivery_report_request;
}

guint
md_sms_get_message_reference (MdSms *self)
{
  return self->message_reference;
}

const char *
md_sms_get_timestamp (MdSms *self)
{
  return self->timestamp ? self->timestamp : "";
}

const char *
md_sms_get_discharge_timestamp (MdSms *self)
{
  return self->discharge_timestamp ? self->discharge_timestamp : "";
}

MdSmsDeliveryState
md_sms_get_delivery_state (MdSms *self)
{
  return self->delivery_state;
}

MdSmsStorage
md_sms_get_storage (MdSms *self)
{
  return self->storage;
}

GPtrArray *
md_sms_get_parts (MdSms *self)
{
  return self->parts;
}

gboolean
md_sms_is_multipart (MdSms *self)
{
  return self->concat_max > 1;
}

gboolean
md_sms_is_complete (MdSms *self)
{
  return !md_sms_is_multipart (self) || self->parts->len == self->concat_max;
}

guint
md_sms_get_concat_reference (MdSms *self)
{
  return self->concat_reference;
}

gint64
md_sms_get_created_us (MdSms *self)
{
  return self->created_us;
}

gboolean
md_sms_has_part_at (MdSms *self, MdSmsStorage storage, guint index)
{
  for (guint i = 0; index != MD_SMS_NO_INDEX && i < self->parts->len; i++) {
    const MdSmsEntry *part = g_ptr_array_index (self->parts, i);

    if (part->storage == storage && part->index == index)
      return TRUE;
  }
  return FALSE;
}

gboolean
md_sms_has_message_reference (MdSms *self, guint reference)
{
  if (self->state != MD_SMS_STATE_SENT)
    return FALSE;
  for (guint i = 0; i < self->parts->len; i++) {
    if (((const MdSmsEntry *)g_ptr_array_index (self->parts, i))->message_reference == reference)
      return TRUE;
  }
  return FALSE;
}

gboolean
md_sms_take_part (MdSms *self, MdSmsEntry *part, GError **error)
{
  guint at = self->parts->len;

  if (!md_sms_is_multipart (self) || part->concat_reference != self->concat_reference
      || part->concat_max != self->concat_max || part->concat_sequence < 1
      || part->concat_sequence > self->concat_max) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "part %u/%u (reference %u) does not belong", part->concat_sequence, part->concat_max,
                 part->concat_reference);
    md_sms_entry_free (part);
    return FALSE;
  }
  for (guint i = 0; i < self->parts->len; i++) {
    const MdSmsEntry *held = g_ptr_array_index (self->parts, i);

    if (held->concat_sequence == part->concat_sequence) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_EXISTS, "part %u of reference %u already received",
                   part->concat_sequence, part->concat_reference);
      md_sms_entry_free (part);
      return FALSE;
    }
    if (held->concat_sequence > part->concat_sequence && at == self->parts->len)
      at = i;
  }
  g_ptr_array_insert (self->parts, (gint)at, part);
  assemble (self);
  update_state (self);
  md_log_debug (self->log_name, "SMS %u: part %u/%u (reference %u)%s", self->id, part->concat_sequence,
                self->concat_max, self->concat_reference, md_sms_is_complete (self) ? ", complete" : "");
  emit_changed (self);
  return TRUE;
}

void
md_sms_set_state (MdSms *self, MdSmsState state)
{
  if (self->state == state)
    return;
  self->state = state;
  emit_changed (self);
}

/* A created message keeps its parts only as the places they were stored
 * at, so that Delete can remove them. */
void
md_sms_set_stored (MdSms *self, MdSmsStorage storage, const guint *indexes, guint n_indexes)
{
  g_ptr_array_set_size (self->parts, 0);
  for (guint i = 0; i < n_indexes; i++) {
    MdSmsEntry *part = md_sms_entry_new ();

    part->index = indexes[i];
    part->storage = storage;
    part->pdu_type = MD_SMS_PDU_TYPE_SUBMIT;
    part->state = MD_SMS_STATE_STORED;
    g_ptr_array_add (self->parts, part);
  }
  self->storage = storage;
  self->state = MD_SMS_STATE_STORED;
  emit_changed (self);
}

void
md_sms_set_sent (MdSms *self, const guint *references, guint n_references)
{
  for (guint i = 0; i < n_references; i++) {
    MdSmsEntry *part;

    if (i < self->parts->len) {
      part = g_ptr_array_index (self->parts, i);
    } else {
      part = md_sms_entry_new ();
      part->pdu_type = MD_SMS_PDU_TYPE_SUBMIT;
      g_ptr_array_add (self->parts, part);
    }
    part->message_reference = references[i];
    part->state = MD_SMS_STATE_SENT;
  }
  /* Like ModemManager, the message is known by its first part's reference. */
  if (n_references > 0)
    self->message_reference = references[0];
  self->state = MD_SMS_STATE_SENT;
  emit_changed (self);
}

void
md_sms_set_delivery (MdSms *self, MdSmsDeliveryState state, const char *discharge_timestamp)
{
  self->delivery_state = state;
  g_free (self->discharge_timestamp);
  self->discharge_timestamp = g_strdup (discharge_timestamp);
  emit_changed (self);
}
