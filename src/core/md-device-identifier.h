/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Modem.DeviceIdentifier, computed from the same inputs and in the same way
 * as ModemManager 1.20.4, so NetworkManager profiles that store it as
 * gsm.device-id keep matching the modem. The recipe is in README.md. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint32 vendor_id;  /* USB or PCI vendor id of the physical device; 0: unknown */
  guint32 product_id; /* its product id; 0: unknown */
  const char *ati;    /* the modem's reply to ATI; NULL: none */
  const char *ati1;   /* the reply to ATI1; NULL: none */
  const char *equipment_identifier;
  const char *revision;
  const char *model;
  const char *manufacturer;
} MdDeviceIdentity;

/* Lower-case hex SHA-1, or NULL when every string is NULL or empty. */
char *md_device_identifier_compute (const MdDeviceIdentity *identity);

G_END_DECLS
