import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Result, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { TemplatesSetupPageQuery } from '../api/operations';
import { CategoriesCard } from './CategoriesCard';
import { IndustriesCard } from './IndustriesCard';
import { SetupHistoryCard } from './SetupHistoryCard';
import { SetupModelSwitch } from './SetupModelSwitch';
import { TemplatesCard } from './TemplatesCard';

/** `/accounts/:id/templates`: the account's setup (industries or service categories) and template library. */
export function TemplatesPage() {
  const { account } = useCurrentAccount();
  const id = account.id;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [{ data, error }, reexecute] = useQuery({ query: TemplatesSetupPageQuery, variables: { accountId: id } });
  const [changes, setChanges] = useState(0);
  const reload = () => {
    reexecute({ requestPolicy: 'network-only' });
    setChanges((n) => n + 1);
  };

  if (error && !data) return <QueryErrorResult error={error} onRetry={reload} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const { templateSetup: setup, industryCatalog } = data;
  const model = setup.model === 'CATEGORY' ? 'CATEGORY' : 'INDUSTRY';

  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={t('templates.title')}
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(`/accounts/${account.id}`)}>
            {t('templates.actions.accountDetails')}
          </Button>
        }
      />
      {!setup.eligible ? (
        <Result
          status="info"
          data-testid="templates-not-eligible"
          title={t('templates.notEligible.title')}
          subTitle={
            <>
              <div>{t('templates.notEligible.description')}</div>
              {setup.reason && <Alert type="warning" showIcon style={{ marginTop: 12, textAlign: 'start' }} message={setup.reason} />}
            </>
          }
        />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={8}>
            <Flex vertical gap={16}>
              <SetupModelSwitch accountId={account.id} model={model} onChanged={reload} />
              {model === 'CATEGORY' ? (
                <CategoriesCard accountId={account.id} setup={setup} onChanged={reload} />
              ) : (
                <IndustriesCard accountId={account.id} setup={setup} catalog={industryCatalog} onChanged={reload} />
              )}
              <SetupHistoryCard accountId={account.id} refresh={changes} />
            </Flex>
          </Col>
          <Col xs={24} xl={16}>
            <TemplatesCard accountId={account.id} limit={setup.templateLimit} model={model} onChanged={reload} />
          </Col>
        </Row>
      )}
    </>
  );
}
