/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-sms-list.h. Which message a part joins is decided here, with the
 * limits that keep a flood of unmatched parts from growing without bound;
 * the joining itself is md_sms_take_part's. */
#include "md-sms-list.h"

#include "md-log.h"
#include "md-object-ids.h"

struct _MdSmsList {
  GObject parent;
  char *log_name;
  GPtrArray *messages; /* MdSms*, oldest first */
};

enum { SIGNAL_ADDED, SIGNAL_REMOVED, N_SIGNALS };

static guint signals[N_SIGNALS];

G_DEFINE_TYPE (MdSmsList, md_sms_list, G_TYPE_OBJECT)

static void
md_sms_list_init (MdSmsList *self)
{
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
md_sms_list_finalize (GObject *object)
{
  MdSmsList *self = MD_SMS_LIST (object);

  g_ptr_array_unref (self->messages);
  g_free (self->log_name);
  G_OBJECT_CLASS (md_sms_list_parent_class)->finalize (object);
}

static void
md_sms_list_class_init (MdSmsListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = md_sms_list_finalize;
  signals[SIGNAL_ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 2, MD_TYPE_SMS, G_TYPE_BOOLEAN);
  signals[SIGNAL_REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 1, MD_TYPE_SMS);
}

MdSmsList *
md_sms_list_new (const char *log_name)
{
  MdSmsList *self = g_object_new (MD_TYPE_SMS_LIST, NULL);

  self->log_name = g_strdup (log_name);
  return self;
}

GPtrArray *
md_sms_list_get_all (MdSmsList *self)
{
  return self->messages;
}

static void
append (MdSmsList *self, MdSms *sms, gboolean received)
{
  g_ptr_array_add (self->messages, sms);
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, sms, received);
}

void
md_sms_list_add (MdSmsList *self, MdSms *sms)
{
  append (self, g_object_ref (sms), FALSE);
}

gboolean
md_sms_list_remove (MdSmsList *self, MdSms *sms)
{
  g_autoptr (MdSms) held = NULL;
  guint at;

  if (!g_ptr_array_find (self->messages, sms, &at))
    return FALSE;
  held = g_ptr_array_steal_index (self->messages, at);
  g_signal_emit (self, signals[SIGNAL_REMOVED], 0, held);
  return TRUE;
}

void
md_sms_list_expire (MdSmsList *self, gint64 now_us)
{
  for (guint i = self->messages->len; i > 0; i--) {
    MdSms *sms = g_ptr_array_index (self->messages, i - 1);

    if (md_sms_is_complete (sms) || now_us - md_sms_get_created_us (sms) < MD_SMS_LIST_EXPIRY_US)
      continue;
    md_log_info (self->log_name, "SMS %u: parts still missing after a day; dropped", md_sms_get_id (sms));
    md_sms_list_remove (self, sms);
  }
}

static guint
count_incomplete (MdSmsList *self, MdSms **oldest)
{
  guint n = 0;

  *oldest = NULL;
  for (guint i = 0; i < self->messages->len; i++) {
    MdSms *sms = g_ptr_array_index (self->messages, i);

    if (md_sms_is_complete (sms))
      continue;
    if (!*oldest)
      *oldest = sms;
    n++;
  }
  return n;
}

static gboolean
known_index (MdSmsList *self, const MdSmsEntry *part)
{
  for (guint i = 0; i < self->messages->len; i++) {
    if (md_sms_has_part_at (g_ptr_array_index (self->messages, i), part->storage, part->index))
      return TRUE;
  }
  return FALSE;
}

static MdSms *
take_status_report (MdSmsList *self, MdSmsEntry *part)
{
  for (guint i = self->messages->len; i > 0; i--) {
    MdSms *sms = g_ptr_array_index (self->messages, i - 1);

    if (!md_sms_has_message_reference (sms, part->message_reference))
      continue;
    md_log_info (self->log_name, "SMS %u: delivery report, state 0x%x", md_sms_get_id (sms),
                 part->delivery_state);
    md_sms_set_delivery (sms, part->delivery_state, part->discharge_timestamp);
    md_sms_entry_free (part);
    return sms;
  }
  return NULL;
}

/* The incomplete message a part continues: same reference, same count and
 * same sender (references are per sender). */
static MdSms *
find_continued (MdSmsList *self, const MdSmsEntry *part)
{
  for (guint i = 0; i < self->messages->len; i++) {
    MdSms *sms = g_ptr_array_index (self->messages, i);
    const MdSmsEntry *first;

    if (!md_sms_is_multipart (sms) || md_sms_is_complete (sms)
        || md_sms_get_concat_reference (sms) != part->concat_reference)
      continue;
    first = g_ptr_array_index (md_sms_get_parts (sms), 0);
    if (first->concat_max == part->concat_max && first->pdu_type == part->pdu_type
        && g_strcmp0 (first->number, part->number) == 0)
      return sms;
  }
  return NULL;
}

MdSms *
md_sms_list_take_part (MdSmsList *self, MdSmsEntry *part)
{
  g_autoptr (GError) error = NULL;
  MdSms *sms, *oldest;
  gboolean received;

  if (part->index != MD_SMS_NO_INDEX && known_index (self, part)) {
    md_sms_entry_free (part);
    return NULL;
  }
  if (part->pdu_type == MD_SMS_PDU_TYPE_STATUS_REPORT && (sms = take_status_report (self, part)))
    return sms;
  md_sms_list_expire (self, g_get_monotonic_time ());
  if (part->concat_max > 1 && (sms = find_continued (self, part))) {
    if (!md_sms_take_part (sms, part, &error)) {
      md_log_debug (self->log_name, "SMS part dropped: %s", error->message);
      return NULL;
    }
    return sms;
  }
  if (part->concat_max > 1 && count_incomplete (self, &oldest) >= MD_SMS_LIST_MAX_INCOMPLETE) {
    md_log_info (self->log_name, "SMS %u: too many incomplete messages; the oldest is dropped",
                 md_sms_get_id (oldest));
    md_sms_list_remove (self, oldest);
  }
  /* A part with a sequence outside its count cannot be completed. */
  if (part->concat_max > 1 && (part->concat_sequence < 1 || part->concat_sequence > part->concat_max)) {
    md_log_debug (self->log_name, "SMS part dropped: sequence %u of %u", part->concat_sequence,
                  part->concat_max);
    md_sms_entry_free (part);
    return NULL;
  }
  received = part->state == MD_SMS_STATE_RECEIVED;
  sms = md_sms_new_from_part (md_object_id_next (MD_OBJECT_SMS), self->log_name, part);
  md_log_info (self->log_name, "SMS %u: %s from %s", md_sms_get_id (sms),
               md_sms_is_complete (sms) ? "message" : "first part of a message",
               md_log_personal (md_sms_get_number (sms)));
  append (self, sms, received);
  return sms;
}
