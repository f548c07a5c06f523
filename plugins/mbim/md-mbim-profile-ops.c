/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Profile ops over MBIM Basic Connect PROVISIONED_CONTEXTS (v1): the
 * modem's provisioned contexts as profiles (context id, access string).
 * v1 carries no IP type and cannot delete a context: no delete op. */
#include "md-mbim-ops.h"

#include "md-errors.h"
#include "md-mbim-arrays.h"

/* Where a new profile is looked for a free context id. */
#define NEW_ID_MAX 24

static gboolean
printable (const char *text)
{
  for (const char *p = text; *p; p++) {
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;
  }
  return TRUE;
}

/* The contexts of a PROVISIONED_CONTEXTS answer as MdProfile*. */
static GPtrArray *
read_profiles (MbimMessage *response, GError **error)
{
  g_autoptr (MbimProvisionedContextElementArray) elements = NULL;
  g_autoptr (GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify)md_profile_free);
  guint32 count = 0;
  GError *parse_error = NULL;

  if (!md_mbim_check_provisioned_contexts (response, error))
    return NULL;
  if (!mbim_message_provisioned_contexts_response_parse (response, &count, &elements, &parse_error)) {
    g_propagate_error (error, md_mbim_protocol_error (parse_error, "Invalid Provisioned Contexts"));
    return NULL;
  }
  for (guint32 i = 0; i < count; i++) {
    const MbimProvisionedContextElement *element = elements[i];
    MdProfile *profile;

    if (element->context_id == 0 || element->context_id > G_MAXINT
        || (element->access_string && !printable (element->access_string))) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Invalid provisioned context %u",
                   element->context_id);
      return NULL;
    }
    profile = g_new0 (MdProfile, 1);
    profile->id = (gint)element->context_id;
    profile->apn = g_strdup (element->access_string ? element->access_string : "");
    profile->ip_type = MD_BEARER_IP_FAMILY_NONE;
    g_ptr_array_add (profiles, profile);
  }
  return g_steal_pointer (&profiles);
}

static void
parse_list (MdModem *modem, MbimMessage *response, GTask *task)
{
  GError *error = NULL;
  GPtrArray *profiles = read_profiles (response, &error);

  if (!profiles) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, profiles, (GDestroyNotify)g_ptr_array_unref);
}

static void
mbim_list (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_provisioned_contexts_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_list);
}

/* --- set --------------------------------------------------------------------- */

/* The answer lists the contexts after the change: return the one stored. */
static void
stored_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  const MdProfile *wanted = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) profiles = g_task_propagate_pointer (G_TASK (result), &error);

  if (!profiles) {
    g_task_return_error (task, error);
    return;
  }
  for (guint i = 0; i < profiles->len; i++) {
    MdProfile *profile = g_ptr_array_index (profiles, i);

    if (profile->id == wanted->id) {
      g_task_return_pointer (task, md_profile_copy (profile), (GDestroyNotify)md_profile_free);
      return;
    }
  }
  /* Some modems answer a set without the list. */
  g_task_return_pointer (task, md_profile_copy (wanted), (GDestroyNotify)md_profile_free);
}

static void
store (MdModem *modem, GTask *task)
{
  MdProfile *profile = g_task_get_task_data (task);
  GError *error = NULL;
  MbimMessage *request = NULL;

  /* v1 has no IP type: the modem decides, as for a context without one. */
  if (profile->ip_type != MD_BEARER_IP_FAMILY_NONE) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED,
                             "MBIM provisioned contexts have no IP type");
    g_object_unref (task);
    return;
  }
  request = mbim_message_provisioned_contexts_set_new (
    (guint32)profile->id, mbim_uuid_from_context_type (MBIM_CONTEXT_TYPE_INTERNET),
    profile->apn ? profile->apn : "", "", "", MBIM_COMPRESSION_NONE, MBIM_AUTH_PROTOCOL_NONE, "", &error);
  /* A task of its own: md_mbim_op keeps its state in its task's data. */
  md_mbim_op (modem, g_task_new (modem, NULL, stored_ready, task), request, error, MD_MBIM_TIMEOUT_S,
              parse_list);
}

static void
list_for_new_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  MdProfile *profile = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GPtrArray) profiles = g_task_propagate_pointer (G_TASK (result), &error);

  if (!profiles) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  profile->id = md_profiles_lowest_free_id (profiles, NEW_ID_MAX);
  if (profile->id > 0) {
    store (MD_MODEM (source), task);
    return;
  }
  g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_TOO_MANY,
                           "No free context id for a new profile");
  g_object_unref (task);
}

static void
mbim_set (MdModem *modem, const MdProfile *profile, GTask *task)
{
  g_task_set_task_data (task, md_profile_copy (profile), (GDestroyNotify)md_profile_free);
  if (profile->id > 0) {
    store (modem, task);
    return;
  }
  mbim_list (modem, g_task_new (modem, NULL, list_for_new_ready, task));
}

const MdModemProfileOps md_mbim_profile_ops = {
  .list = mbim_list,
  .set = mbim_set,
};
