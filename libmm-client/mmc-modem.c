/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* MmcModem: the generated Modem proxy, made by MmcManager's object manager
 * for every modem object, with typed property accessors and the modem
 * object's other interfaces. The operations are in mmc-modem-ops.c. */
#include "mmc-private.h"

/**
 * MmcModem:
 *
 * A modem. Get one from #MmcManager. Its D-Bus properties are also
 * readable through the #MmcGdbusModem interface it implements, and each
 * change is notified as `notify::<property>` (`notify::state`,
 * `notify::power-state`, ...); the `state-changed` signal also tells the
 * reason of a state change.
 */
struct _MmcModem {
  MmcGdbusModemProxy parent;
};

G_DEFINE_TYPE (MmcModem, mmc_modem, MMC_GDBUS_TYPE_MODEM_PROXY)

static void
mmc_modem_init (MmcModem *self)
{
}

static void
mmc_modem_class_init (MmcModemClass *klass)
{
  mmc_errors_register ();
}

/**
 * mmc_modem_get_path:
 * @self: a modem
 *
 * Returns: the modem's object path
 */
const char *
mmc_modem_get_path (MmcModem *self)
{
  return g_dbus_proxy_get_object_path (G_DBUS_PROXY (self));
}

/**
 * mmc_modem_get_state:
 * @self: a modem
 *
 * Returns: the modem's state
 */
MmcModemState
mmc_modem_get_state (MmcModem *self)
{
  return mmc_gdbus_modem_get_state (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_state_failed_reason:
 * @self: a modem
 *
 * Returns: why the modem is in the failed state
 */
MmcModemStateFailedReason
mmc_modem_get_state_failed_reason (MmcModem *self)
{
  return mmc_gdbus_modem_get_state_failed_reason (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_power_state:
 * @self: a modem
 *
 * Returns: the radio's power state
 */
MmcModemPowerState
mmc_modem_get_power_state (MmcModem *self)
{
  return mmc_gdbus_modem_get_power_state (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_unlock_required:
 * @self: a modem
 *
 * Returns: the code the modem waits for, %MMC_MODEM_LOCK_NONE when unlocked
 */
MmcModemLock
mmc_modem_get_unlock_required (MmcModem *self)
{
  return mmc_gdbus_modem_get_unlock_required (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_current_capabilities:
 * @self: a modem
 *
 * Returns: the access families the modem uses now
 */
MmcModemCapability
mmc_modem_get_current_capabilities (MmcModem *self)
{
  return mmc_gdbus_modem_get_current_capabilities (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_access_technologies:
 * @self: a modem
 *
 * Returns: the access technologies of the current network
 */
MmcModemAccessTechnology
mmc_modem_get_access_technologies (MmcModem *self)
{
  return mmc_gdbus_modem_get_access_technologies (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_signal_quality:
 * @self: a modem
 * @recent: (out) (optional): whether the value was taken recently
 *
 * Returns: the signal quality in percent
 */
guint
mmc_modem_get_signal_quality (MmcModem *self, gboolean *recent)
{
  GVariant *quality = mmc_gdbus_modem_get_signal_quality (MMC_GDBUS_MODEM (self));
  guint32 value = 0;
  gboolean is_recent = FALSE;

  if (quality && g_variant_is_of_type (quality, G_VARIANT_TYPE ("(ub)")))
    g_variant_get (quality, "(ub)", &value, &is_recent);
  if (recent)
    *recent = is_recent;
  return value;
}

/**
 * mmc_modem_get_max_active_bearers:
 * @self: a modem
 *
 * Returns: how many bearers may be connected at once
 */
guint
mmc_modem_get_max_active_bearers (MmcModem *self)
{
  return mmc_gdbus_modem_get_max_active_bearers (MMC_GDBUS_MODEM (self));
}

#define STRING_PROPERTY(name)                                                                                \
  const char *mmc_modem_get_##name (MmcModem *self)                                                          \
  {                                                                                                          \
    return mmc_gdbus_modem_get_##name (MMC_GDBUS_MODEM (self));                                              \
  }

/**
 * mmc_modem_get_manufacturer:
 * @self: a modem
 *
 * Returns: (nullable): the manufacturer's name
 */
STRING_PROPERTY (manufacturer)
/**
 * mmc_modem_get_model:
 * @self: a modem
 *
 * Returns: (nullable): the model name
 */
STRING_PROPERTY (model)
/**
 * mmc_modem_get_revision:
 * @self: a modem
 *
 * Returns: (nullable): the firmware revision
 */
STRING_PROPERTY (revision)
/**
 * mmc_modem_get_equipment_identifier:
 * @self: a modem
 *
 * Returns: (nullable): the IMEI, ESN or MEID
 */
STRING_PROPERTY (equipment_identifier)
/**
 * mmc_modem_get_device_identifier:
 * @self: a modem
 *
 * Returns: (nullable): the identifier that stays the same for the same device
 */
STRING_PROPERTY (device_identifier)
/**
 * mmc_modem_get_plugin:
 * @self: a modem
 *
 * Returns: (nullable): the name of the plugin that drives the modem
 */
STRING_PROPERTY (plugin)
/**
 * mmc_modem_get_primary_port:
 * @self: a modem
 *
 * Returns: (nullable): the name of the primary control port
 */
STRING_PROPERTY (primary_port)

/**
 * mmc_modem_get_sim_path:
 * @self: a modem
 *
 * Returns: (nullable): the object path of the active SIM, or "/" when none
 */
const char *
mmc_modem_get_sim_path (MmcModem *self)
{
  return mmc_gdbus_modem_get_sim (MMC_GDBUS_MODEM (self));
}

/**
 * mmc_modem_get_bearer_paths:
 * @self: a modem
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the object
 *   paths of the modem's bearers
 */
const char *const *
mmc_modem_get_bearer_paths (MmcModem *self)
{
  return mmc_gdbus_modem_get_bearers (MMC_GDBUS_MODEM (self));
}

/* One of the modem object's interfaces, or NULL (also for a modem that its
 * object manager let go). */
static gpointer
get_sibling (MmcModem *self, const char *interface)
{
  g_autoptr (GDBusObject) object = g_dbus_interface_dup_object (G_DBUS_INTERFACE (self));

  return object ? g_dbus_object_get_interface (object, interface) : NULL;
}

/**
 * mmc_modem_get_3gpp_registration_state:
 * @self: a modem
 *
 * Returns: the 3GPP registration state, %MMC_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN
 *   when the modem has no 3GPP interface
 */
MmcModem3gppRegistrationState
mmc_modem_get_3gpp_registration_state (MmcModem *self)
{
  g_autoptr (MmcGdbusModemModem3gpp) modem3gpp = mmc_modem_get_3gpp (self);

  return modem3gpp ? mmc_gdbus_modem_modem3gpp_get_registration_state (modem3gpp)
                   : MMC_MODEM_3GPP_REGISTRATION_STATE_UNKNOWN;
}

/**
 * mmc_modem_get_3gpp:
 * @self: a modem
 *
 * Returns: (transfer full) (nullable): the `Modem.Modem3gpp` interface
 */
MmcGdbusModemModem3gpp *
mmc_modem_get_3gpp (MmcModem *self)
{
  return get_sibling (self, MMC_IFACE_3GPP);
}

/**
 * mmc_modem_get_simple:
 * @self: a modem
 *
 * Returns: (transfer full) (nullable): the `Modem.Simple` interface
 */
MmcGdbusModemSimple *
mmc_modem_get_simple (MmcModem *self)
{
  return get_sibling (self, MMC_IFACE_SIMPLE);
}

/**
 * mmc_modem_get_messaging:
 * @self: a modem
 *
 * Returns: (transfer full) (nullable): the `Modem.Messaging` interface
 */
MmcGdbusModemMessaging *
mmc_modem_get_messaging (MmcModem *self)
{
  return get_sibling (self, MMC_IFACE_MESSAGING);
}

/**
 * mmc_modem_get_signal:
 * @self: a modem
 *
 * Returns: (transfer full) (nullable): the `Modem.Signal` interface
 */
MmcGdbusModemSignal *
mmc_modem_get_signal (MmcModem *self)
{
  return get_sibling (self, "org.freedesktop.ModemManager1.Modem.Signal");
}

/**
 * mmc_modem_get_location:
 * @self: a modem
 *
 * Returns: (transfer full) (nullable): the `Modem.Location` interface
 */
MmcGdbusModemLocation *
mmc_modem_get_location (MmcModem *self)
{
  return get_sibling (self, "org.freedesktop.ModemManager1.Modem.Location");
}

/**
 * mmc_modem_get_time:
 * @self: a modem
 *
 * Returns: (transfer full) (nullable): the `Modem.Time` interface
 */
MmcGdbusModemTime *
mmc_modem_get_time (MmcModem *self)
{
  return get_sibling (self, "org.freedesktop.ModemManager1.Modem.Time");
}

gboolean
mmc_modem_lacks_interface (MmcModem *self, gpointer interface, const char *name, GError **error)
{
  if (interface)
    return FALSE;
  g_set_error (error, MMC_CORE_ERROR, MMC_CORE_ERROR_UNSUPPORTED, "The modem at %s has no %s interface",
               mmc_modem_get_path (self), name);
  return TRUE;
}
