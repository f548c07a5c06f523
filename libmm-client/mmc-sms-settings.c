/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcSmsSettings to and from the a{sv} of Messaging.Create: keys number,
 * text, data, validity (relative, in minutes), class and
 * delivery-report-request, each only when set. Text and data exclude each
 * other: setting one clears the other, as the daemon takes only one. */
#include "mmc-private.h"

struct _MmcSmsSettings {
  char *number;
  char *text;
  GBytes *data;
  guint validity_minutes; /* 0: not set */
  gint32 message_class;   /* -1: not set */
  gboolean delivery_report_request;
  gboolean delivery_report_request_set;
};

G_DEFINE_BOXED_TYPE (MmcSmsSettings, mmc_sms_settings, mmc_sms_settings_copy, mmc_sms_settings_free)

/**
 * mmc_sms_settings_new:
 *
 * Returns: (transfer full): empty settings
 */
MmcSmsSettings *
mmc_sms_settings_new (void)
{
  MmcSmsSettings *self = g_new0 (MmcSmsSettings, 1);

  self->message_class = -1;
  return self;
}

/**
 * mmc_sms_settings_copy:
 * @self: settings
 *
 * Returns: (transfer full): a copy of @self
 */
MmcSmsSettings *
mmc_sms_settings_copy (const MmcSmsSettings *self)
{
  MmcSmsSettings *copy = g_new0 (MmcSmsSettings, 1);

  *copy = *self;
  copy->number = g_strdup (self->number);
  copy->text = g_strdup (self->text);
  copy->data = self->data ? g_bytes_ref (self->data) : NULL;
  return copy;
}

/**
 * mmc_sms_settings_free:
 * @self: (nullable): settings
 */
void
mmc_sms_settings_free (MmcSmsSettings *self)
{
  if (!self)
    return;
  g_free (self->number);
  g_free (self->text);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self);
}

/**
 * mmc_sms_settings_to_variant:
 * @self: settings
 *
 * Returns: (transfer full): the settings as a non-floating `a{sv}` variant
 */
GVariant *
mmc_sms_settings_to_variant (const MmcSmsSettings *self)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (self->number)
    g_variant_builder_add (&builder, "{sv}", "number", g_variant_new_string (self->number));
  if (self->text)
    g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (self->text));
  if (self->data)
    g_variant_builder_add (&builder, "{sv}", "data",
                           g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, self->data, TRUE));
  if (self->validity_minutes)
    g_variant_builder_add (&builder, "{sv}", "validity",
                           g_variant_new ("(uv)", (guint32)MMC_SMS_VALIDITY_TYPE_RELATIVE,
                                          g_variant_new_uint32 (self->validity_minutes)));
  if (self->message_class >= 0)
    g_variant_builder_add (&builder, "{sv}", "class", g_variant_new_int32 (self->message_class));
  if (self->delivery_report_request_set)
    g_variant_builder_add (&builder, "{sv}", "delivery-report-request",
                           g_variant_new_boolean (self->delivery_report_request));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* "validity" is (uv): only the relative type, with a u of minutes, is ours. */
static gboolean
take_validity (MmcSmsSettings *self, GVariant *value, GError **error)
{
  g_autoptr (GVariant) inner = NULL;
  g_autofree char *printed = NULL;
  guint32 type;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("(uv)"))) {
    g_variant_get (value, "(uv)", &type, &inner);
    if (type == MMC_SMS_VALIDITY_TYPE_RELATIVE && g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32)) {
      self->validity_minutes = g_variant_get_uint32 (inner);
      return TRUE;
    }
  }
  g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS,
               "Invalid SMS settings: 'validity' must be (uv) of the relative type with a u, not %s",
               (printed = g_variant_print (value, TRUE)));
  return FALSE;
}

/**
 * mmc_sms_settings_new_from_variant:
 * @dictionary: an `a{sv}` dictionary
 * @error: return location for a #MMC_CORE_ERROR_INVALID_ARGS error
 *
 * Reads the keys mmc_sms_settings_to_variant() writes; an unknown key or a
 * value of the wrong type is an error.
 *
 * Returns: (transfer full): the settings, or %NULL with @error set
 */
MmcSmsSettings *
mmc_sms_settings_new_from_variant (GVariant *dictionary, GError **error)
{
  g_autoptr (MmcSmsSettings) self = mmc_sms_settings_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (dictionary, G_VARIANT_TYPE_VARDICT)) {
    g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_INVALID_ARGS, "SMS settings must be a{sv}, not %s",
                 g_variant_get_type_string (dictionary));
    return NULL;
  }
  g_variant_iter_init (&iter, dictionary);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value)) {
    MmcVardictSlot slots[] = {
      { "number", MMC_SLOT_STRING, &self->number },
      { "text", MMC_SLOT_STRING, &self->text },
      { "data", MMC_SLOT_BYTES, &self->data },
      { "class", MMC_SLOT_INT32, &self->message_class },
      { "delivery-report-request", MMC_SLOT_BOOLEAN, &self->delivery_report_request,
        &self->delivery_report_request_set },
    };
    gboolean ok = strcmp (key, "validity") == 0
                    ? take_validity (self, value, error)
                    : mmc_vardict_take (slots, G_N_ELEMENTS (slots), "SMS settings", key, value, error);

    if (!ok) {
      g_variant_unref (value);
      return NULL;
    }
  }
  return g_steal_pointer (&self);
}

/**
 * mmc_sms_settings_set_number:
 * @self: settings
 * @number: (nullable): the recipient's number
 */
void
mmc_sms_settings_set_number (MmcSmsSettings *self, const char *number)
{
  g_free (self->number);
  self->number = g_strdup (number);
}

/**
 * mmc_sms_settings_get_number:
 * @self: settings
 *
 * Returns: (nullable): the recipient's number
 */
const char *
mmc_sms_settings_get_number (const MmcSmsSettings *self)
{
  return self->number;
}

/**
 * mmc_sms_settings_set_text:
 * @self: settings
 * @text: (nullable): the message text; clears any data
 */
void
mmc_sms_settings_set_text (MmcSmsSettings *self, const char *text)
{
  g_free (self->text);
  self->text = g_strdup (text);
  if (text)
    g_clear_pointer (&self->data, g_bytes_unref);
}

/**
 * mmc_sms_settings_get_text:
 * @self: settings
 *
 * Returns: (nullable): the message text
 */
const char *
mmc_sms_settings_get_text (const MmcSmsSettings *self)
{
  return self->text;
}

/**
 * mmc_sms_settings_set_data:
 * @self: settings
 * @data: (nullable): binary message data; clears any text
 */
void
mmc_sms_settings_set_data (MmcSmsSettings *self, GBytes *data)
{
  g_clear_pointer (&self->data, g_bytes_unref);
  self->data = data ? g_bytes_ref (data) : NULL;
  if (data)
    g_clear_pointer (&self->text, g_free);
}

/**
 * mmc_sms_settings_get_data:
 * @self: settings
 *
 * Returns: (nullable) (transfer none): the binary message data
 */
GBytes *
mmc_sms_settings_get_data (const MmcSmsSettings *self)
{
  return self->data;
}

/**
 * mmc_sms_settings_set_validity_relative:
 * @self: settings
 * @minutes: how long the network keeps trying to deliver; 0 unsets it
 */
void
mmc_sms_settings_set_validity_relative (MmcSmsSettings *self, guint minutes)
{
  self->validity_minutes = minutes;
}

/**
 * mmc_sms_settings_get_validity_relative:
 * @self: settings
 *
 * Returns: the relative validity in minutes, 0 when not set
 */
guint
mmc_sms_settings_get_validity_relative (const MmcSmsSettings *self)
{
  return self->validity_minutes;
}

/**
 * mmc_sms_settings_set_message_class:
 * @self: settings
 * @message_class: the 3GPP message class 0-3; -1 unsets it
 */
void
mmc_sms_settings_set_message_class (MmcSmsSettings *self, gint message_class)
{
  self->message_class = message_class;
}

/**
 * mmc_sms_settings_get_message_class:
 * @self: settings
 *
 * Returns: the message class, -1 when not set
 */
gint
mmc_sms_settings_get_message_class (const MmcSmsSettings *self)
{
  return self->message_class;
}

/**
 * mmc_sms_settings_set_delivery_report_request:
 * @self: settings
 * @request: whether to ask the network for a delivery report
 */
void
mmc_sms_settings_set_delivery_report_request (MmcSmsSettings *self, gboolean request)
{
  self->delivery_report_request = request;
  self->delivery_report_request_set = TRUE;
}

/**
 * mmc_sms_settings_get_delivery_report_request:
 * @self: settings
 *
 * Returns: whether a delivery report is requested (%FALSE when not set)
 */
gboolean
mmc_sms_settings_get_delivery_report_request (const MmcSmsSettings *self)
{
  return self->delivery_report_request;
}
