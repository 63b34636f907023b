import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
// Services called from code rather than templates bring their own styles.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import 'element-plus/es/components/notification/style/css';
import App from './App.vue';
import { setUnauthorizedHandler } from './api/client';
import { i18n } from './i18n';
import { router } from './router';
import { forgetSession } from './session';
import './styles.css';

setUnauthorizedHandler(() => {
  forgetSession();
  const here = router.currentRoute.value;
  if (here.name !== 'login') void router.push({ name: 'login', query: { redirect: here.fullPath } });
});

createApp(App).use(i18n).use(router).mount('#app');
