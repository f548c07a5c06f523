/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MBIM status a model error answers with (sim-mbim-private.h). */
#include "sim-mbim-private.h"

static const struct {
  SimError error;
  MbimStatusError status;
} status_for_error[] = {
  { SIM_ERROR_PHONE_FAILURE, MBIM_STATUS_ERROR_FAILURE },
  { SIM_ERROR_NOT_ALLOWED, MBIM_STATUS_ERROR_FAILURE },
  { SIM_ERROR_NOT_SUPPORTED, MBIM_STATUS_ERROR_NO_DEVICE_SUPPORT },
  { SIM_ERROR_SIM_NOT_INSERTED, MBIM_STATUS_ERROR_SIM_NOT_INSERTED },
  { SIM_ERROR_SIM_PIN_REQUIRED, MBIM_STATUS_ERROR_PIN_REQUIRED },
  { SIM_ERROR_SIM_PUK_REQUIRED, MBIM_STATUS_ERROR_PIN_REQUIRED },
  { SIM_ERROR_SIM_FAILURE, MBIM_STATUS_ERROR_BAD_SIM },
  { SIM_ERROR_SIM_BUSY, MBIM_STATUS_ERROR_BUSY },
  { SIM_ERROR_SIM_WRONG, MBIM_STATUS_ERROR_BAD_SIM },
  { SIM_ERROR_INCORRECT_PASSWORD, MBIM_STATUS_ERROR_FAILURE },
  { SIM_ERROR_MEMORY_FULL, MBIM_STATUS_ERROR_MEMORY_FULL },
  { SIM_ERROR_INVALID_INDEX, MBIM_STATUS_ERROR_INVALID_MEMORY_INDEX },
  { SIM_ERROR_NOT_FOUND, MBIM_STATUS_ERROR_FAILURE },
  { SIM_ERROR_NO_NETWORK, MBIM_STATUS_ERROR_NOT_REGISTERED },
  { SIM_ERROR_NETWORK_TIMEOUT, MBIM_STATUS_ERROR_FAILURE },
  { SIM_ERROR_NETWORK_NOT_ALLOWED, MBIM_STATUS_ERROR_FAILURE },
  { SIM_ERROR_INCORRECT_PARAMETERS, MBIM_STATUS_ERROR_INVALID_PARAMETERS },
  { SIM_ERROR_MISSING_APN, MBIM_STATUS_ERROR_FAILURE },
};

MbimStatusError
sim_mbim_status_from_error (const GError *error)
{
  for (guint i = 0; error && error->domain == SIM_ERROR && i < G_N_ELEMENTS (status_for_error); i++) {
    if ((int)status_for_error[i].error == error->code)
      return status_for_error[i].status;
  }
  return MBIM_STATUS_ERROR_FAILURE;
}

MbimStatusError
sim_mbim_sim_status (SimModel *model)
{
  g_autoptr (GError) error = NULL;

  if (sim_model_check_sim_ready (model, &error))
    return MBIM_STATUS_ERROR_NONE;
  return sim_mbim_status_from_error (error);
}
