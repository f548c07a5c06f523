/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Listing firmware images: through the firmware ops where the protocol
 * keeps several, else the running firmware as the modem's revision (what
 * init loaded), which is all an AT or MBIM Basic Connect modem tells. */
#include "md-modem-firmware.h"

#include "md-errors.h"

gboolean
md_modem_has_firmware (MdModem *self)
{
  return md_modem_get_ops (self)->firmware != NULL;
}

void
md_modem_firmware_list_async (MdModem *self, GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  const MdModemFirmwareOps *ops = md_modem_get_ops (self)->firmware;
  const char *revision = md_modem_get_identity (self)->revision;
  g_autoptr (GStrvBuilder) builder = NULL;

  if (!ops) {
    g_task_return_new_error (task, MD_CORE_ERROR, MD_CORE_ERROR_UNSUPPORTED, "The modem lists no firmware");
    g_object_unref (task);
    return;
  }
  if (ops->load_images) {
    ops->load_images (self, task);
    return;
  }
  builder = g_strv_builder_new ();
  if (revision && *revision)
    g_strv_builder_add (builder, revision);
  g_task_return_pointer (task, g_strv_builder_end (builder), (GDestroyNotify)g_strfreev);
  g_object_unref (task);
}

GStrv
md_modem_firmware_list_finish (MdModem *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
