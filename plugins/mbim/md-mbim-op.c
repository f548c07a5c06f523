/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one shape of nearly every MBIM op: build a request, send it, parse
 * the answer into the op's value. Also the indication router. md_mbim_op
 * keeps its parser on the task under a key of its own, never in the task
 * data, which stays the op's. */
#include "md-errors.h"
#include "md-log.h"
#include "md-mbim-ops.h"

#define OP_STATE_KEY "md-mbim-op-state"

typedef struct {
  MdMbimParseFn parse;
} OpState;

static void
op_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  OpState *state = g_object_get_data (G_OBJECT (task), OP_STATE_KEY);
  GError *error = NULL;
  g_autoptr (MbimMessage) response = md_mbim_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  state->parse (MD_MODEM (source), response, task);
  g_object_unref (task);
}

void
md_mbim_op (MdModem *modem, GTask *task, MbimMessage *request, GError *build_error, guint timeout_s,
            MdMbimParseFn parse)
{
  OpState state = { .parse = parse };

  if (!request) {
    g_task_return_error (task, md_mbim_protocol_error (build_error, "Cannot build the MBIM request"));
    g_object_unref (task);
    return;
  }

  g_object_set_data_full (G_OBJECT (task), OP_STATE_KEY, g_memdup2 (&state, sizeof state), g_free);
  md_mbim_modem_command (modem, request, timeout_s, g_task_get_cancellable (task), op_ready, task);
}

void
md_mbim_dispatch_indication (MdModem *modem, MbimMessage *message)
{
  guint32 cid = mbim_message_indicate_status_get_cid (message);

  MbimService service = mbim_message_indicate_status_get_service (message);

  if (service == MBIM_SERVICE_SMS)
    md_mbim_sms_indication (modem, message);
  else if (service == MBIM_SERVICE_MS_VOICE_EXTENSIONS)
    md_mbim_nitz_indication (modem, message);
  else if (service == MBIM_SERVICE_USSD)
    md_mbim_ussd_indication (modem, message);
  if (service != MBIM_SERVICE_BASIC_CONNECT)
    return;
  switch (cid) {
  case MBIM_CID_BASIC_CONNECT_REGISTER_STATE:
  case MBIM_CID_BASIC_CONNECT_SIGNAL_STATE:
  case MBIM_CID_BASIC_CONNECT_PACKET_SERVICE: md_mbim_netreg_indication (modem, message, cid); break;
  case MBIM_CID_BASIC_CONNECT_SUBSCRIBER_READY_STATUS: md_mbim_sim_indication (modem, message); break;
  case MBIM_CID_BASIC_CONNECT_CONNECT: md_mbim_bearer_indication (modem, message); break;
  default:
    md_log_debug (md_modem_get_log_name (modem), "ignored indication %s",
                  md_mbim_cid_name (MBIM_SERVICE_BASIC_CONNECT, cid));
    break;
  }
}

guint32
md_mbim_data_class_to_access_technologies (guint32 data_class)
{
  static const struct {
    guint32 data_class;
    guint32 act;
  } map[] = {
    { MBIM_DATA_CLASS_GPRS, MD_MODEM_ACCESS_TECHNOLOGY_GPRS },
    { MBIM_DATA_CLASS_EDGE, MD_MODEM_ACCESS_TECHNOLOGY_EDGE },
    { MBIM_DATA_CLASS_UMTS, MD_MODEM_ACCESS_TECHNOLOGY_UMTS },
    { MBIM_DATA_CLASS_HSDPA, MD_MODEM_ACCESS_TECHNOLOGY_HSDPA },
    { MBIM_DATA_CLASS_HSUPA, MD_MODEM_ACCESS_TECHNOLOGY_HSUPA },
    { MBIM_DATA_CLASS_LTE, MD_MODEM_ACCESS_TECHNOLOGY_LTE },
    { MBIM_DATA_CLASS_5G_NSA, MD_MODEM_ACCESS_TECHNOLOGY_5GNR | MD_MODEM_ACCESS_TECHNOLOGY_LTE },
    { MBIM_DATA_CLASS_5G_SA, MD_MODEM_ACCESS_TECHNOLOGY_5GNR },
    { MBIM_DATA_CLASS_1XRTT, MD_MODEM_ACCESS_TECHNOLOGY_1XRTT },
    { MBIM_DATA_CLASS_1XEVDO, MD_MODEM_ACCESS_TECHNOLOGY_EVDO0 },
    { MBIM_DATA_CLASS_1XEVDO_REVA, MD_MODEM_ACCESS_TECHNOLOGY_EVDOA },
    { MBIM_DATA_CLASS_1XEVDO_REVB, MD_MODEM_ACCESS_TECHNOLOGY_EVDOB },
  };
  guint32 act = 0;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++) {
    if (data_class & map[i].data_class)
      act |= map[i].act;
  }
  /* HSDPA and HSUPA together are HSPA. */
  if ((act & MD_MODEM_ACCESS_TECHNOLOGY_HSDPA) && (act & MD_MODEM_ACCESS_TECHNOLOGY_HSUPA))
    act = (act & ~(guint32)(MD_MODEM_ACCESS_TECHNOLOGY_HSDPA | MD_MODEM_ACCESS_TECHNOLOGY_HSUPA))
          | MD_MODEM_ACCESS_TECHNOLOGY_HSPA;
  return act;
}

guint32
md_mbim_data_class_to_modes (guint32 data_class)
{
  guint32 modes = 0;

  if (data_class & (MBIM_DATA_CLASS_GPRS | MBIM_DATA_CLASS_EDGE | MBIM_DATA_CLASS_1XRTT))
    modes |= MD_MODEM_MODE_2G;
  if (data_class
      & (MBIM_DATA_CLASS_UMTS | MBIM_DATA_CLASS_HSDPA | MBIM_DATA_CLASS_HSUPA | MBIM_DATA_CLASS_1XEVDO
         | MBIM_DATA_CLASS_1XEVDO_REVA | MBIM_DATA_CLASS_1XEVDO_REVB))
    modes |= MD_MODEM_MODE_3G;
  if (data_class & MBIM_DATA_CLASS_LTE)
    modes |= MD_MODEM_MODE_4G;
  if (data_class & (MBIM_DATA_CLASS_5G_NSA | MBIM_DATA_CLASS_5G_SA))
    modes |= MD_MODEM_MODE_5G;
  return modes;
}
