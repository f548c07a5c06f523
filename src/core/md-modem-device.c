/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the modem knows of its physical device: vendor and product ids and
 * the device's own names, which discovery sets; the published Manufacturer
 * and Model with their fallback; and the DeviceIdentifier derived from them. */
#include "md-modem-private.h"

#include "md-device-identifier.h"
#include "md-log.h"

void
md_modem_private_finalize_device (MdModem *self)
{
  g_free (self->device_manufacturer);
  g_free (self->device_product);
  g_free (self->device_identifier);
}

/* Hashes what the protocol reported, not the fallback names: ModemManager
 * hashes the values it publishes, which for AT are the modem's answers and
 * for MBIM already include the device's names (see the MBIM plugin). */
void
md_modem_private_update_device_identifier (MdModem *self)
{
  const MdModemIdentity *id = self->identity;
  const MdDeviceIdentity input = {
    .vendor_id = self->vendor_id,
    .product_id = self->product_id,
    .ati = id->ati,
    .ati1 = NULL, /* ModemManager 1.20.4 never gets to send ATI1 */
    .equipment_identifier = id->equipment_identifier,
    .revision = id->revision,
    .model = id->model,
    .manufacturer = id->manufacturer,
  };

  g_free (self->device_identifier);
  self->device_identifier = md_device_identifier_compute (&input);
  md_log_debug (self->log_name, "device identifier: %s",
                self->device_identifier ? md_log_personal (self->device_identifier) : "(none)");
}

void
md_modem_set_device_ids (MdModem *self, guint16 vendor_id, guint16 product_id)
{
  if (self->vendor_id == vendor_id && self->product_id == product_id)
    return;
  self->vendor_id = vendor_id;
  self->product_id = product_id;
  md_modem_private_update_device_identifier (self);
  md_modem_emit_changed (self);
}

guint16
md_modem_get_vendor_id (MdModem *self)
{
  return self->vendor_id;
}

guint16
md_modem_get_product_id (MdModem *self)
{
  return self->product_id;
}

static char *
nonempty_dup (const char *text)
{
  return text && *text ? g_strdup (text) : NULL;
}

void
md_modem_set_device_names (MdModem *self, const char *manufacturer, const char *product)
{
  g_free (self->device_manufacturer);
  self->device_manufacturer = nonempty_dup (manufacturer);
  g_free (self->device_product);
  self->device_product = nonempty_dup (product);
  md_modem_emit_changed (self);
}

const char *
md_modem_get_device_manufacturer (MdModem *self)
{
  return self->device_manufacturer;
}

const char *
md_modem_get_device_product (MdModem *self)
{
  return self->device_product;
}

static const char *
first_known (const char *reported, const char *fallback)
{
  if (reported && *reported)
    return reported;
  return fallback ? fallback : "";
}

const char *
md_modem_get_manufacturer (MdModem *self)
{
  return first_known (self->identity->manufacturer, self->device_manufacturer);
}

const char *
md_modem_get_model (MdModem *self)
{
  return first_known (self->identity->model, self->device_product);
}

const char *
md_modem_get_device_identifier (MdModem *self)
{
  return self->device_identifier;
}
