/**
 * The demo tenant's rate card: a blended helpdesk team (70% staff at 55/h, 30% contractors at 40/h),
 * 15% management overhead, and handle hours per category as a service desk would estimate them.
 */
export const DEMO_RATE_CARD = {
  staff_hourly_rate: '55.00',
  contractor_hourly_rate: '40.00',
  contractor_share: 0.3,
  management_overhead: 0.15,
  fte_hours_per_month: 140,
  sla_penalty_per_breach: '25.00',
  handle_hours: {
    default: 1,
    cohorts: [
      { workflow: 'it-helpdesk', category: 'password_reset', hours: 0.35 },
      { workflow: 'it-helpdesk', category: 'access_request', hours: 0.6 },
      { workflow: 'it-helpdesk', category: 'software_install', hours: 0.8 },
      { workflow: 'it-helpdesk', category: 'vpn', hours: 0.7 },
      { workflow: 'it-helpdesk', category: 'hardware', hours: 2 },
      { workflow: 'procurement', category: 'purchase_order', hours: 1.2 },
      { workflow: 'hr-onboarding', category: 'new_hire_accounts', hours: 1.5 },
      { workflow: 'hr-onboarding', category: 'equipment', hours: 2.5 },
    ],
  },
  amortisation_months: 12,
} as const;
