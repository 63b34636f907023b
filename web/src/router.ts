import { createRouter, createWebHistory } from 'vue-router';
import { restoreSession } from './session';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue') },
    {
      path: '/',
      component: () => import('./components/layout/AppLayout.vue'),
      children: [
        { path: '', redirect: { name: 'dashboard' } },
        {
          path: 'dashboard',
          name: 'dashboard',
          component: () => import('./views/DashboardView.vue'),
        },
        { path: 'accounts', name: 'accounts', component: () => import('./views/AccountsView.vue') },
        {
          path: 'accounts/:id(\\d+)',
          name: 'account',
          component: () => import('./views/AccountView.vue'),
          props: (route) => ({ id: Number(route.params.id) }),
        },
        {
          path: 'accounts/:id(\\d+)/plan',
          name: 'account-plan',
          component: () => import('./views/AccountPlanView.vue'),
          props: (route) => ({ id: Number(route.params.id) }),
        },
        { path: 'plans', name: 'plans', component: () => import('./views/PlanReviewsView.vue') },
        { path: 'targets', name: 'targets', component: () => import('./views/TargetsView.vue') },
        { path: 'pipeline', name: 'pipeline', component: () => import('./views/PipelineView.vue') },
        {
          path: 'pipeline/opportunities',
          name: 'opportunities',
          component: () => import('./views/OpportunitiesView.vue'),
        },
        {
          path: 'sales-reports',
          name: 'sales-reports',
          component: () => import('./views/SalesReportsView.vue'),
        },
        { path: 'visit', name: 'visit', component: () => import('./views/VisitView.vue') },
        { path: 'import', name: 'import', component: () => import('./views/ImportView.vue') },
        {
          path: 'settings',
          name: 'settings',
          component: () => import('./views/SettingsView.vue'),
        },
        { path: 'users', name: 'users', component: () => import('./views/UsersView.vue') },
        {
          path: ':rest(.*)*',
          name: 'not-found',
          component: () => import('./views/NotFoundView.vue'),
        },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  const user = await restoreSession();
  if (!user && to.name !== 'login') return { name: 'login', query: { redirect: to.fullPath } };
  if (user && to.name === 'login') return { name: 'dashboard' };
  return true;
});
